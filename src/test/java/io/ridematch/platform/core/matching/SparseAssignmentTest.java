package io.ridematch.platform.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The sparse solver against the dense Hungarian method batched dispatch used before it, on the same batches. */
class SparseAssignmentTest {

    private static final double REACH = 3_000;

    /** A batch: each row's arcs to a few distinct columns, in compressed rows. */
    private record Batch(int rows, int columns, int[] arcStart, int[] arcColumn, double[] arcCost) {

        static Batch random(SplittableRandom random, int rows, int columns, int maxArcs, boolean wholeMeters) {
            int[] arcStart = new int[rows + 1];
            int[] arcColumn = new int[rows * Math.min(maxArcs, columns)];
            double[] arcCost = new double[arcColumn.length];
            int arc = 0;
            for (int r = 0; r < rows; r++) {
                int[] picked = random.ints(0, columns).distinct().limit(random.nextInt(Math.min(maxArcs, columns) + 1))
                        .toArray();
                for (int c : picked) {
                    arcColumn[arc] = c;
                    arcCost[arc] = wholeMeters ? random.nextInt((int) REACH) : random.nextDouble(REACH);
                    arc++;
                }
                arcStart[r + 1] = arc;
            }
            return new Batch(rows, columns, arcStart, Arrays.copyOf(arcColumn, arc), Arrays.copyOf(arcCost, arc));
        }

        int[] sparse() {
            return SparseAssignment.solve(columns, arcStart, arcColumn, arcCost);
        }

        /** The dense formulation: a "nobody" column per row, costlier than any real pairing can make up for. */
        int[] dense() {
            double[][] cost = new double[rows][columns + rows];
            double unserved = REACH * (rows + 1) + 1;
            for (int r = 0; r < rows; r++) {
                Arrays.fill(cost[r], 0, columns, Double.MAX_VALUE / 4);
                Arrays.fill(cost[r], columns, columns + rows, unserved);
                for (int a = arcStart[r]; a < arcStart[r + 1]; a++) {
                    cost[r][arcColumn[a]] = arcCost[a];
                }
            }
            int[] column = Assignment.solve(cost);
            for (int r = 0; r < rows; r++) {
                if (column[r] >= columns) {
                    column[r] = -1;
                }
            }
            return column;
        }

        double cost(int row, int column) {
            for (int a = arcStart[row]; a < arcStart[row + 1]; a++) {
                if (arcColumn[a] == column) {
                    return arcCost[a];
                }
            }
            throw new AssertionError("row " + row + " has no arc to column " + column);
        }

        double total(int[] columnOfRow) {
            double total = 0;
            for (int r = 0; r < rows; r++) {
                if (columnOfRow[r] >= 0) {
                    total += cost(r, columnOfRow[r]);
                }
            }
            return total;
        }
    }

    @RepeatedTest(200)
    void pairsExactlyAsTheDenseHungarianDoes(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        Batch batch = Batch.random(random, 1 + random.nextInt(80), 1 + random.nextInt(80), 1 + random.nextInt(10),
                false);

        int[] sparse = batch.sparse();

        // real-valued costs have one best answer, so the pairs themselves must be the same
        assertThat(sparse).containsExactly(batch.dense());
    }

    @RepeatedTest(100)
    void withTiedCostsServesAsManyAtTheSameTotal(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(1_000 + repetition.getCurrentRepetition());
        Batch batch = Batch.random(random, 1 + random.nextInt(60), 1 + random.nextInt(60), 1 + random.nextInt(6),
                true);

        int[] sparse = batch.sparse();
        int[] dense = batch.dense();

        assertThat(served(sparse)).isEqualTo(served(dense));
        assertThat(batch.total(sparse)).isEqualTo(batch.total(dense));
    }

    @Test
    void everyPairIsAnArcAndNoColumnIsUsedTwiceOnALargeBatch() {
        Batch batch = Batch.random(new SplittableRandom(7), 2_000, 2_000, 20, false);

        int[] column = batch.sparse();

        assertThat(Arrays.stream(column).filter(c -> c >= 0).distinct().count()).isEqualTo(served(column));
        for (int r = 0; r < batch.rows(); r++) {
            if (column[r] >= 0) {
                assertThat(batch.cost(r, column[r])).isBetween(0.0, REACH);
            }
        }
        assertThat(served(column)).isGreaterThan(1_900); // 20 random columns each: nearly everyone can be paired
    }

    @Test
    void servesTheMostRowsBeforeTheCheapest() {
        // row 0 reaches only column 0, far; row 1 reaches column 0 near and column 1 far: both must be paired
        Batch batch = new Batch(2, 2, new int[] {0, 1, 3}, new int[] {0, 0, 1}, new double[] {2_900, 10, 2_800});

        assertThat(batch.sparse()).containsExactly(0, 1);
    }

    @Test
    void rowsWithoutArcsStayUnpaired() {
        Batch batch = new Batch(3, 1, new int[] {0, 0, 1, 1}, new int[] {0}, new double[] {5});

        assertThat(batch.sparse()).containsExactly(-1, 0, -1);
    }

    private static long served(int[] columnOfRow) {
        return Arrays.stream(columnOfRow).filter(c -> c >= 0).count();
    }
}
