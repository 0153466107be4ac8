using System.Runtime.InteropServices;

namespace MultiModal.Matching.Storage;

/// <summary>
/// Encodes a batch of operations as one log record body and decodes it back:
/// u64 sequence, u32 operation count, then per operation u8 kind, u32 key length, UTF-8 key, and
/// for upserts a u32 presence mask (bit s: a vector for space s follows, f32 × dimension, in
/// space order) and the attribute record (<see cref="AttributeCodec"/>).
/// </summary>
internal static class LogRecordCodec
{
    /// <summary>Appends the body of a record holding <paramref name="batch"/> (already validated).</summary>
    public static void Encode(long sequence, ReadOnlySpan<StoreOperation> batch, IReadOnlyList<VectorSpaceDefinition> spaces, ByteBuffer buffer)
    {
        buffer.WriteInt64(sequence);
        buffer.WriteInt32(batch.Length);
        foreach (StoreOperation op in batch)
        {
            buffer.WriteByte((byte)op.Kind);
            buffer.WriteUtf8(op.Key, wideLength: true);
            if (op.Kind != StoreOperationKind.Upsert)
            {
                continue;
            }

            uint mask = 0;
            for (int s = 0; s < spaces.Count; s++)
            {
                if (!op.VectorFor(s).IsEmpty)
                {
                    mask |= 1u << s;
                }
            }

            buffer.WriteUInt32(mask);
            for (int s = 0; s < spaces.Count; s++)
            {
                ReadOnlySpan<float> vector = op.VectorFor(s);
                if (!vector.IsEmpty)
                {
                    buffer.WriteFloats(vector);
                }
            }

            AttributeCodec.Encode(op.Attributes, buffer);
        }
    }

    /// <summary>Decodes a record body whose checksum has been verified; a malformed body raises <see cref="CorruptIndexException"/>.</summary>
    public static StoreOperation[] Decode(ReadOnlySpan<byte> body, IReadOnlyList<VectorSpaceDefinition> spaces, string path, out long sequence)
    {
        var reader = new SpanReader(body, path, "log record");
        sequence = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.Remaining / 5)
        {
            throw reader.Invalid("operation count", $"{count}");
        }

        var batch = new StoreOperation[count];
        for (int i = 0; i < count; i++)
        {
            var kind = (StoreOperationKind)reader.ReadByte();
            int keyLength = reader.ReadInt32();
            if (keyLength is < 1 or > StorageFormat.MaxKeyBytes)
            {
                throw reader.Invalid("key length", $"{keyLength} bytes");
            }

            string key = reader.ReadUtf8(keyLength);
            if (kind == StoreOperationKind.Delete)
            {
                batch[i] = StoreOperation.Delete(key);
                continue;
            }

            if (kind != StoreOperationKind.Upsert)
            {
                throw reader.Invalid("operation kind", $"{(byte)kind}");
            }

            uint mask = reader.ReadUInt32();
            if (spaces.Count < 32 && mask >> spaces.Count != 0)
            {
                throw reader.Invalid("presence mask", $"0x{mask:X8} for {spaces.Count} spaces");
            }

            var vectors = new ReadOnlyMemory<float>[spaces.Count];
            for (int s = 0; s < spaces.Count; s++)
            {
                if ((mask & (1u << s)) != 0)
                {
                    var vector = new float[spaces[s].Dimension];
                    reader.ReadBytes(vector.Length * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
                    vectors[s] = vector;
                }
            }

            batch[i] = StoreOperation.Upsert(key, vectors, AttributeCodec.Decode(ref reader));
        }

        reader.RequireEnd();
        return batch;
    }
}
