package io.ridematch.platform.core.matching;

import java.util.Arrays;

/**
 * The assignment problem as the sparse graph a dispatch batch is: rows (riders) have arcs to a few columns
 * (their nearest free drivers) and to nothing else. Finds the matching that pairs the most rows and, among
 * those, has the least total cost: the answer {@link Assignment} gives on the dense matrix with a costly
 * "nobody" column per row, in a fraction of the time, since only the arcs are ever looked at.
 *
 * <p>Successive shortest paths with potentials (the Hungarian method on the sparse graph): every round, one
 * Dijkstra search from all unpaired rows at once finds the cheapest way to pair one more, through the pairs
 * already made; it stops at the first free column reached. A round that reaches none ends the search: no more
 * rows can be paired. Each round is O(arcs · log arcs); there are at most min(rows, columns) of them.
 */
public final class SparseAssignment {

    private static final int FREE = -1;

    private final int rows;
    private final int columns;
    private final int[] arcStart;
    private final int[] arcColumn;
    private final double[] arcCost;
    private final int[] columnOfRow;
    private final int[] rowOfColumn;
    private final double[] rowPotential;
    private final double[] columnPotential;
    private final double[] rowDistance;
    private final double[] columnDistance;
    private final int[] rowBefore;
    private final int[] columnBefore;
    private final Heap heap;

    private SparseAssignment(int columns, int[] arcStart, int[] arcColumn, double[] arcCost) {
        this.rows = arcStart.length - 1;
        this.columns = columns;
        this.arcStart = arcStart;
        this.arcColumn = arcColumn;
        this.arcCost = arcCost;
        this.columnOfRow = filled(rows, FREE);
        this.rowOfColumn = filled(columns, FREE);
        this.rowPotential = new double[rows];
        this.columnPotential = new double[columns];
        this.rowDistance = new double[rows];
        this.columnDistance = new double[columns];
        this.rowBefore = new int[columns];
        this.columnBefore = new int[rows];
        this.heap = new Heap(arcColumn.length + rows + 1);
    }

    /**
     * @param columns   how many columns there are
     * @param arcStart  row {@code r}'s arcs are {@code arcStart[r]} up to {@code arcStart[r + 1]} (so one more
     *                  entry than there are rows)
     * @param arcColumn each arc's column
     * @param arcCost   each arc's cost, not negative
     * @return for each row, its column, or -1 for a row left unpaired
     */
    public static int[] solve(int columns, int[] arcStart, int[] arcColumn, double[] arcCost) {
        SparseAssignment problem = new SparseAssignment(columns, arcStart, arcColumn, arcCost);
        while (problem.pairOneMore()) {
            // each round pairs one more row
        }
        return problem.columnOfRow;
    }

    /** One Dijkstra round over the arcs' reduced costs; false when no unpaired row can reach a free column. */
    private boolean pairOneMore() {
        Arrays.fill(rowDistance, Double.POSITIVE_INFINITY);
        Arrays.fill(columnDistance, Double.POSITIVE_INFINITY);
        heap.clear();
        // the unpaired rows, all at distance 0, come off the heap first and in row order (ties go to the smaller
        // node, and every row's node is smaller than every column's): their arcs are relaxed here, unheaped
        for (int r = 0; r < rows; r++) {
            if (columnOfRow[r] == FREE) {
                rowDistance[r] = 0;
                relaxArcs(r, 0);
            }
        }
        int reached = FREE;
        double reachedAt = 0;
        while (!heap.isEmpty()) {
            double distance = heap.topKey();
            int node = heap.pop();
            if (isRow(node)) {
                int r = node;
                if (distance > rowDistance[r]) {
                    continue; // a stale entry
                }
                relaxArcs(r, distance);
            } else {
                int c = columnOf(node);
                if (distance > columnDistance[c]) {
                    continue;
                }
                if (rowOfColumn[c] == FREE) {
                    reached = c;
                    reachedAt = distance;
                    break;
                }
                int paired = rowOfColumn[c];
                if (distance < rowDistance[paired]) { // the pair's arc has reduced cost 0
                    rowDistance[paired] = distance;
                    columnBefore[paired] = c;
                    heap.push(distance, row(paired));
                }
            }
        }
        if (reached == FREE) {
            return false;
        }
        updatePotentials(reachedAt);
        augment(reached);
        return true;
    }

    /** Row {@code r}, reached at {@code distance}: the columns its arcs reach more cheaply through it. */
    private void relaxArcs(int r, double distance) {
        for (int a = arcStart[r]; a < arcStart[r + 1]; a++) {
            int c = arcColumn[a];
            if (c == columnOfRow[r]) {
                continue; // the pair's own arc points back, from the column
            }
            double through = distance + Math.max(0, arcCost[a] + rowPotential[r] - columnPotential[c]);
            if (through < columnDistance[c]) {
                columnDistance[c] = through;
                rowBefore[c] = r;
                heap.push(through, column(c));
            }
        }
    }

    /** Keeps every reduced cost non-negative and the arcs of the new pairs at zero. */
    private void updatePotentials(double reachedAt) {
        for (int r = 0; r < rows; r++) {
            rowPotential[r] += Math.min(rowDistance[r], reachedAt);
        }
        for (int c = 0; c < columns; c++) {
            columnPotential[c] += Math.min(columnDistance[c], reachedAt);
        }
    }

    /** Flips the pairs along the path that ends at {@code column}: one more row is paired. */
    private void augment(int column) {
        int c = column;
        while (true) {
            int r = rowBefore[c];
            int before = columnOfRow[r];
            columnOfRow[r] = c;
            rowOfColumn[c] = r;
            if (before == FREE) {
                return;
            }
            c = before;
        }
    }

    private int row(int r) {
        return r;
    }

    private int column(int c) {
        return rows + c;
    }

    private boolean isRow(int node) {
        return node < rows;
    }

    private int columnOf(int node) {
        return node - rows;
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }

    /** A binary min-heap of (key, node) with no allocation per entry; ties go to the smaller node. */
    private static final class Heap {
        private double[] keys;
        private int[] nodes;
        private int size;

        Heap(int capacity) {
            keys = new double[Math.max(capacity, 16)];
            nodes = new int[keys.length];
        }

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        void push(double key, int node) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                nodes = Arrays.copyOf(nodes, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!less(key, node, keys[parent], nodes[parent])) {
                    break;
                }
                keys[i] = keys[parent];
                nodes[i] = nodes[parent];
                i = parent;
            }
            keys[i] = key;
            nodes[i] = node;
        }

        int pop() {
            int top = nodes[0];
            size--;
            double key = keys[size];
            int node = nodes[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(keys[child + 1], nodes[child + 1], keys[child], nodes[child])) {
                    child++;
                }
                if (!less(keys[child], nodes[child], key, node)) {
                    break;
                }
                keys[i] = keys[child];
                nodes[i] = nodes[child];
                i = child;
            }
            keys[i] = key;
            nodes[i] = node;
            return top;
        }

        private static boolean less(double key, int node, double otherKey, int otherNode) {
            return key < otherKey || key == otherKey && node < otherNode;
        }
    }
}
