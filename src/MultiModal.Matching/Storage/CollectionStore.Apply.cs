using System.Text;

using MultiModal.Matching.Attributes;

namespace MultiModal.Matching.Storage;

/// <content>Writes: validate, log durably (one record and one fsync per batch), then apply in memory.</content>
internal sealed partial class CollectionStore
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Applies a batch of operations atomically and durably: when this returns, the batch's log record
    /// is fsynced and readers see all of it; after a crash, reopening recovers it. A batch that fails
    /// validation changes nothing.
    /// </summary>
    /// <param name="batch">One or more operations, applied in order (a later one sees the earlier ones).</param>
    /// <returns>What each operation did (new ids, replaced or deleted ids), in order.</returns>
    /// <exception cref="ArgumentException">The batch is empty, or an operation has an invalid key (empty, over 4096 UTF-8 bytes, unpaired surrogate), a vector of the wrong dimension or with NaN/infinity, more vectors than spaces, or invalid attributes.</exception>
    /// <exception cref="InvalidOperationException">The store is read-only.</exception>
    /// <exception cref="IOException">The log write or fsync failed; the batch is not applied.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public StoreOperationResult[] Apply(ReadOnlySpan<StoreOperation> batch)
    {
        if (batch.IsEmpty)
        {
            throw new ArgumentException("A batch needs at least one operation.", nameof(batch));
        }

        lock (_writeGate)
        {
            ThrowIfDisposed();
            ThrowIfReadOnly();
            Validate(batch);
            long sequence = _log!.LastSequence + 1;
            _record!.Clear();
            _record.Reserve(StorageFormat.LogRecordHeaderLength);
            try
            {
                LogRecordCodec.Encode(sequence, batch, Spaces, _record);
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException("A key or attribute string is not valid UTF-16 (unpaired surrogate).", nameof(batch), e);
            }

            _log.Append(_record, sequence);
            var results = new StoreOperationResult[batch.Length];
            _rw.EnterWriteLock();
            try
            {
                ApplyToState(batch, results, _record.WrittenSpan[StorageFormat.LogRecordHeaderLength..]);
            }
            finally
            {
                _rw.ExitWriteLock();
            }

            if (IsCheckpointDue && Array.TrueForAll(_graphSources, g => g is null))
            {
                try
                {
                    CheckpointCore();
                    LastAutoCheckpointError = null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LastAutoCheckpointError = e;
                }
            }

            return results;
        }
    }

    /// <summary>Adds or replaces one item durably (a batch of one).</summary>
    /// <returns>The item's new id and the id it replaced (−1 if none).</returns>
    /// <exception cref="ArgumentException">See <see cref="Apply"/>.</exception>
    public StoreOperationResult Upsert(string key, ReadOnlyMemory<float>[] vectors, IReadOnlyList<KeyValuePair<string, AttributeValue>>? attributes = null) =>
        Apply([StoreOperation.Upsert(key, vectors, attributes)])[0];

    /// <summary>Deletes one item durably (a batch of one).</summary>
    /// <returns>The deleted id, or −1 when no live item had the key.</returns>
    /// <exception cref="ArgumentException">See <see cref="Apply"/>.</exception>
    public int Delete(string key) => Apply([StoreOperation.Delete(key)])[0].Id;

    private void Validate(ReadOnlySpan<StoreOperation> batch)
    {
        for (int i = 0; i < batch.Length; i++)
        {
            StoreOperation op = batch[i];
            if (string.IsNullOrEmpty(op.Key))
            {
                throw new ArgumentException($"Operation {i} has no key.", nameof(batch));
            }

            int keyBytes;
            try
            {
                keyBytes = StrictUtf8.GetByteCount(op.Key);
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException($"The key of operation {i} is not valid UTF-16.", nameof(batch), e);
            }

            if (keyBytes > StorageFormat.MaxKeyBytes)
            {
                throw new ArgumentException($"The key of operation {i} has {keyBytes} UTF-8 bytes; at most {StorageFormat.MaxKeyBytes} are allowed.", nameof(batch));
            }

            if (op.Kind == StoreOperationKind.Delete)
            {
                continue;
            }

            if (op.Kind != StoreOperationKind.Upsert)
            {
                throw new ArgumentException($"Operation {i} has no kind.", nameof(batch));
            }

            if (op.Vectors.Length > Spaces.Count)
            {
                throw new ArgumentException($"Operation {i} has {op.Vectors.Length} vectors for {Spaces.Count} spaces.", nameof(batch));
            }

            for (int s = 0; s < op.Vectors.Length; s++)
            {
                ReadOnlySpan<float> vector = op.Vectors[s].Span;
                if (vector.IsEmpty)
                {
                    continue;
                }

                if (vector.Length != Spaces[s].Dimension)
                {
                    throw new ArgumentException($"Operation {i}: space '{Spaces[s].Name}' has dimension {Spaces[s].Dimension}; got {vector.Length}.", nameof(batch));
                }

                foreach (float value in vector)
                {
                    if (!float.IsFinite(value))
                    {
                        throw new ArgumentException($"Operation {i}: the vector for space '{Spaces[s].Name}' has a NaN or infinite component.", nameof(batch));
                    }
                }
            }

            AttributeCodec.Validate(op.Attributes, nameof(batch));
        }
    }

    /// <summary>Applies operations to the in-memory state; the caller holds the write lock (or is replaying at open).</summary>
    private void ApplyToState(ReadOnlySpan<StoreOperation> batch, Span<StoreOperationResult> results, ReadOnlySpan<byte> encodedBody)
    {
        // The encoded attributes are re-read from the record body so that memory holds exactly what was logged.
        var reader = new SpanReader(encodedBody, Directory, "log record");
        reader.ReadInt64();
        reader.ReadInt32();
        for (int i = 0; i < batch.Length; i++)
        {
            StoreOperation op = batch[i];
            reader.ReadByte();
            reader.ReadBytes(reader.ReadInt32());
            int previous = FindLive(op.Key);
            if (previous >= 0)
            {
                _tombstones![previous >> 6] |= 1UL << (previous & 63);
                _keyOverrides[op.Key] = -1;
                _liveCount--;
            }

            if (op.Kind == StoreOperationKind.Delete)
            {
                results[i] = new StoreOperationResult(previous, -1);
                continue;
            }

            uint mask = reader.ReadUInt32();
            for (int s = 0; s < Spaces.Count; s++)
            {
                if ((mask & (1u << s)) != 0)
                {
                    reader.ReadBytes(Spaces[s].Dimension * sizeof(float));
                }
            }

            int attributesStart = reader.Position;
            AttributeCodec.Decode(ref reader);
            int attributesLength = reader.Position - attributesStart;
            int id = _rowCount;
            if (id == int.MaxValue - 1)
            {
                throw new InvalidOperationException("The collection has reached the maximum number of ids.");
            }

            _deltaKeys.Add(op.Key);
            _deltaAttributes.Add(attributesLength == 2 ? EmptyAttributeRecord : encodedBody.Slice(attributesStart, attributesLength).ToArray());
            for (int s = 0; s < Spaces.Count; s++)
            {
                _deltaRows[s].Append(op.VectorFor(s));
            }

            if ((id >> 6) >= _tombstones!.Length)
            {
                Array.Resize(ref _tombstones, _tombstones.Length * 2);
            }

            _keyOverrides[op.Key] = id;
            _liveCount++;
            Volatile.Write(ref _rowCount, id + 1);
            results[i] = new StoreOperationResult(id, previous);
        }
    }
}
