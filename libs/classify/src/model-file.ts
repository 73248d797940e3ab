import { ClassifierModel, ModelInfo } from './classifier';
import { FeatureConfig } from './features';
import { Vectoriser } from './vectoriser';

// Model file: the 8-byte magic "HLCLSMDL", a little-endian uint32 with the length of a JSON
// header, the UTF-8 JSON header, zero padding to a multiple of 8 bytes, then the binary sections
// the header lists (offsets relative to the end of the padding, little-endian):
//   termKeys (float64 x terms), documentFrequency (uint32 x terms),
//   params (float32 x (terms x labels + labels)).

export const MODEL_MAGIC = 'HLCLSMDL';
export const MODEL_FORMAT_VERSION = 1;

interface Section {
  name: 'termKeys' | 'documentFrequency' | 'params';
  type: 'float64' | 'uint32' | 'float32';
  offset: number;
  length: number;
}

export interface ModelHeader {
  format: 'hotline-classify-model';
  formatVersion: number;
  createdAt: string;
  labels: string[];
  textColumns: string[];
  features: FeatureConfig;
  fieldCount: number;
  documentCount: number;
  terms: number;
  temperature: number;
  training: ModelInfo;
  sections: Section[];
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const BYTES = { float64: 8, uint32: 4, float32: 4 } as const;

export function serialiseModel(model: ClassifierModel): Buffer {
  const v = model.vectoriser;
  const arrays = {
    termKeys: v.termKeys,
    documentFrequency: v.documentFrequency,
    params: Float32Array.from(model.params),
  };
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, type] of [['termKeys', 'float64'], ['documentFrequency', 'uint32'], ['params', 'float32']] as const) {
    const length = arrays[name].length;
    sections.push({ name, type, offset, length });
    offset += Math.ceil((length * BYTES[type]) / 8) * 8;
  }
  const header: ModelHeader = {
    format: 'hotline-classify-model',
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: model.info.createdAt,
    labels: model.labels,
    textColumns: model.textColumns,
    features: v.config,
    fieldCount: v.fieldCount,
    documentCount: v.documentCount,
    terms: v.size,
    temperature: model.temperature,
    training: model.info,
    sections,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((12 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + offset);
  out.write(MODEL_MAGIC, 0, 'ascii');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  for (const s of sections) {
    const array = arrays[s.name];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, start + s.offset);
  }
  return out;
}

export function deserialiseModel(data: Buffer): ClassifierModel {
  if (data.length < 12 || data.toString('ascii', 0, 8) !== MODEL_MAGIC) {
    throw new ModelFileError('not a hotline-classify model file');
  }
  const length = data.readUInt32LE(8);
  if (12 + length > data.length) throw new ModelFileError('model file is truncated');
  const header = JSON.parse(data.toString('utf8', 12, 12 + length)) as ModelHeader;
  if (header.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`unsupported model format version ${header.formatVersion} (this tool reads ${MODEL_FORMAT_VERSION})`);
  }
  const start = Math.ceil((12 + length) / 8) * 8;
  const read = (name: Section['name']) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new ModelFileError(`model file has no ${name} section`);
    const bytes = s.length * BYTES[s.type];
    if (start + s.offset + bytes > data.length) throw new ModelFileError('model file is truncated');
    // Copy into an aligned buffer: the file's bytes need not be aligned in memory.
    const copy = new Uint8Array(bytes);
    copy.set(data.subarray(start + s.offset, start + s.offset + bytes));
    return copy.buffer;
  };
  const vectoriser = new Vectoriser(
    header.features,
    header.fieldCount,
    new Float64Array(read('termKeys')),
    new Uint32Array(read('documentFrequency')),
    header.documentCount,
  );
  return {
    labels: header.labels,
    textColumns: header.textColumns,
    vectoriser,
    params: Float64Array.from(new Float32Array(read('params'))),
    temperature: header.temperature,
    info: header.training,
  };
}
