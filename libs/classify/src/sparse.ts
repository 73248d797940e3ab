/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Rows of sparse vectors in compressed sparse row form. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array; // length rows + 1
  indices: Int32Array;
  values: Float32Array;
}

export function toSparseMatrix(vectors: readonly SparseVector[], columns: number): SparseMatrix {
  const rowStart = new Int32Array(vectors.length + 1);
  for (let r = 0; r < vectors.length; r++) rowStart[r + 1] = rowStart[r] + vectors[r].indices.length;
  const indices = new Int32Array(rowStart[vectors.length]);
  const values = new Float32Array(rowStart[vectors.length]);
  vectors.forEach((v, r) => {
    indices.set(v.indices, rowStart[r]);
    values.set(v.values, rowStart[r]);
  });
  return { rows: vectors.length, columns, rowStart, indices, values };
}

export function matrixRow(matrix: SparseMatrix, row: number): SparseVector {
  const start = matrix.rowStart[row];
  const end = matrix.rowStart[row + 1];
  return { indices: matrix.indices.subarray(start, end), values: matrix.values.subarray(start, end) };
}

export function selectRows(matrix: SparseMatrix, rows: readonly number[]): SparseMatrix {
  return toSparseMatrix(
    rows.map((r) => matrixRow(matrix, r)),
    matrix.columns,
  );
}
