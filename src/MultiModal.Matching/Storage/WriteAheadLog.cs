using System.Buffers;
using System.Buffers.Binary;

namespace MultiModal.Matching.Storage;

/// <summary>
/// The write-ahead log of one generation: a 64-byte header, then records of
/// u32 body length, u32 CRC-32C of the body, body (<see cref="LogRecordCodec"/>). A record is
/// written with one write and fsynced before <see cref="Append"/> returns.
/// </summary>
/// <remarks>
/// Opening replays every intact record and cuts off a torn tail: a last record that is incomplete
/// or fails its checksum, or a tail of zero bytes, was never acknowledged. A damaged record that is
/// followed by more data is not a torn write and raises <see cref="CorruptIndexException"/>.
/// Not thread-safe; the store serialises appends.
/// </remarks>
internal sealed class WriteAheadLog : IDisposable
{
    private readonly FileStream _stream;
    private bool _broken;

    private WriteAheadLog(string path, FileStream stream, long length, long lastSequence)
    {
        Path = path;
        _stream = stream;
        Length = length;
        LastSequence = lastSequence;
    }

    /// <summary>The log file's path.</summary>
    public string Path { get; }

    /// <summary>Bytes in the log (header included).</summary>
    public long Length { get; private set; }

    /// <summary>The sequence of the last record (the base sequence when the log is empty).</summary>
    public long LastSequence { get; private set; }

    /// <summary>Creates an empty log for <paramref name="generation"/> whose first record will be <paramref name="baseSequence"/> + 1; fsyncs it.</summary>
    public static WriteAheadLog Create(string path, long generation, long baseSequence)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1);
        try
        {
            Span<byte> header = stackalloc byte[StorageFormat.LogHeaderLength];
            header.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(header, StorageFormat.LogMagic);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], StorageFormat.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], StorageFormat.LogHeaderLength);
            BinaryPrimitives.WriteInt64LittleEndian(header[16..], generation);
            BinaryPrimitives.WriteInt64LittleEndian(header[24..], baseSequence);
            BinaryPrimitives.WriteUInt32LittleEndian(header[^4..], Crc32C.Compute(header[..^4]));
            stream.Write(header);
            stream.Flush(flushToDisk: true);
            return new WriteAheadLog(path, stream, StorageFormat.LogHeaderLength, baseSequence);
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Opens the log, calls <paramref name="onRecord"/> with every intact record body in order, cuts
    /// off a torn tail (fsynced), and returns the log positioned for appending.
    /// </summary>
    /// <exception cref="CorruptIndexException">The header is wrong, or a damaged record is followed by more data.</exception>
    public static WriteAheadLog OpenAndReplay(string path, long generation, long baseSequence, Action<long, ReadOnlyMemory<byte>> onRecord)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1);
        try
        {
            long end = Replay(stream, path, generation, baseSequence, onRecord, out long lastSequence);
            if (end != stream.Length)
            {
                stream.SetLength(end);
                stream.Flush(flushToDisk: true);
            }

            stream.Position = end;
            return new WriteAheadLog(path, stream, end, lastSequence);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends a record and fsyncs. <paramref name="record"/> holds 8 reserved bytes then the body;
    /// the header is filled in here. On failure the log is cut back to its previous length.
    /// </summary>
    /// <exception cref="IOException">The write or fsync failed; the record is not durable.</exception>
    public void Append(ByteBuffer record, long sequence)
    {
        if (_broken)
        {
            throw new IOException($"The log '{Path}' could not be repaired after a failed write; reopen the collection.");
        }

        Span<byte> bytes = record.WrittenSpanMutable;
        ReadOnlySpan<byte> body = bytes[StorageFormat.LogRecordHeaderLength..];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], Crc32C.Compute(body));
        long before = Length;
        try
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
        catch
        {
            try
            {
                _stream.SetLength(before);
                _stream.Position = before;
            }
            catch (IOException)
            {
                _broken = true;
            }

            throw;
        }

        Length = before + bytes.Length;
        LastSequence = sequence;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _stream.Dispose();

    private static long Replay(FileStream stream, string path, long generation, long baseSequence, Action<long, ReadOnlyMemory<byte>> onRecord, out long lastSequence)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle = stream.SafeFileHandle;
        long fileLength = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[StorageFormat.LogHeaderLength];
        if (fileLength < header.Length || RandomAccess.Read(handle, header, 0) != header.Length)
        {
            throw new CorruptIndexException(path, "log header length", $"{fileLength} bytes");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != StorageFormat.LogMagic)
        {
            throw new CorruptIndexException(path, "log magic");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[^4..]) != Crc32C.Compute(header[..^4]))
        {
            throw new CorruptIndexException(path, "log header checksum");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != StorageFormat.Version
            || BinaryPrimitives.ReadInt64LittleEndian(header[16..]) != generation
            || BinaryPrimitives.ReadInt64LittleEndian(header[24..]) != baseSequence)
        {
            throw new CorruptIndexException(path, "log header fields", $"generation and base sequence must be {generation} and {baseSequence}");
        }

        long position = StorageFormat.LogHeaderLength;
        lastSequence = baseSequence;
        Span<byte> recordHeader = stackalloc byte[StorageFormat.LogRecordHeaderLength];
        byte[] body = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (position < fileLength)
            {
                string? damage = null;
                int bodyLength = 0;
                if (fileLength - position < recordHeader.Length)
                {
                    damage = "record header incomplete";
                }
                else
                {
                    RandomAccess.Read(handle, recordHeader, position);
                    bodyLength = BinaryPrimitives.ReadInt32LittleEndian(recordHeader);
                    if (bodyLength < 12 || bodyLength > StorageFormat.MaxLogRecordBody || bodyLength > fileLength - position - recordHeader.Length)
                    {
                        damage = $"record length {bodyLength}";
                    }
                    else
                    {
                        if (body.Length < bodyLength)
                        {
                            ArrayPool<byte>.Shared.Return(body);
                            body = ArrayPool<byte>.Shared.Rent(bodyLength);
                        }

                        RandomAccess.Read(handle, body.AsSpan(0, bodyLength), position + recordHeader.Length);
                        long sequence = BinaryPrimitives.ReadInt64LittleEndian(body);
                        if (Crc32C.Compute(body.AsSpan(0, bodyLength)) != BinaryPrimitives.ReadUInt32LittleEndian(recordHeader[4..]))
                        {
                            damage = "record checksum";
                        }
                        else if (sequence != lastSequence + 1)
                        {
                            damage = $"record sequence {sequence}, {lastSequence + 1} expected";
                        }
                        else
                        {
                            onRecord(sequence, body.AsMemory(0, bodyLength));
                            lastSequence = sequence;
                            position += recordHeader.Length + bodyLength;
                            continue;
                        }
                    }
                }

                // A torn write can only be the last record: it runs past the end of the file, ends exactly
                // at it, or only zeros (space the file system extended but never filled) follow.
                long available = fileLength - position - recordHeader.Length;
                bool torn = available < 0
                    || bodyLength > available
                    || bodyLength == available
                    || IsZeroFrom(handle, position, fileLength);
                if (torn)
                {
                    return position;
                }

                throw new CorruptIndexException(path, $"log {damage}", $"at offset {position}, followed by more data");
            }

            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static bool IsZeroFrom(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long end)
    {
        Span<byte> chunk = stackalloc byte[4096];
        while (offset < end)
        {
            int read = RandomAccess.Read(handle, chunk[..(int)Math.Min(chunk.Length, end - offset)], offset);
            if (read <= 0)
            {
                return true;
            }

            if (chunk[..read].ContainsAnyExcept((byte)0))
            {
                return false;
            }

            offset += read;
        }

        return true;
    }
}
