package io.ridematch.platform.core.matching;

import java.util.Arrays;

/**
 * The rectangular assignment problem solved exactly by the Hungarian method (Kuhn–Munkres with potentials,
 * O(rows² · columns)) on the dense matrix: each row gets a distinct column, minimising the total cost. Needs
 * rows ≤ columns. Batched dispatch solved every batch this way until {@link SparseAssignment}; the tests keep it
 * as the reference the sparse solver must agree with.
 */
final class Assignment {

    private Assignment() {
    }

    /** @return for each row, the column assigned to it */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        int m = n == 0 ? 0 : cost[0].length;
        if (n > m) {
            throw new IllegalArgumentException("need rows <= columns, got " + n + " x " + m);
        }
        // 1-based arrays as in the classic formulation; column 0 is a sentinel
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOfColumn = new int[m + 1];
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[column0] = true;
                int row0 = rowOfColumn[column0];
                double delta = Double.POSITIVE_INFINITY;
                int column1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double reduced = cost[row0 - 1][j - 1] - u[row0] - v[j];
                        if (reduced < minv[j]) {
                            minv[j] = reduced;
                            way[j] = column0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            column1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                column0 = column1;
            } while (rowOfColumn[column0] != 0);
            do {
                int column1 = way[column0];
                rowOfColumn[column0] = rowOfColumn[column1];
                column0 = column1;
            } while (column0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }
}
