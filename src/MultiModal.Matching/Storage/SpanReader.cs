using System.Buffers.Binary;
using System.Text;

namespace MultiModal.Matching.Storage;

/// <summary>
/// Reads little-endian values from untrusted bytes; every read is bounds-checked and an overrun
/// raises <see cref="CorruptIndexException"/> naming the file and what was being read.
/// </summary>
internal ref struct SpanReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _path;
    private readonly string _what;

    public SpanReader(ReadOnlySpan<byte> data, string path, string what)
    {
        _data = data;
        _path = path;
        _what = what;
    }

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _data.Length - Position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>Reads a UTF-8 string of <paramref name="byteCount"/> bytes; invalid UTF-8 is corruption.</summary>
    public string ReadUtf8(int byteCount)
    {
        ReadOnlySpan<byte> bytes = Take(byteCount);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CorruptIndexException(_path, $"{_what} UTF-8", null, e);
        }
    }

    /// <summary>Fails unless every byte was consumed.</summary>
    public readonly void RequireEnd()
    {
        if (Remaining != 0)
        {
            throw new CorruptIndexException(_path, $"{_what} length", $"{Remaining} trailing bytes");
        }
    }

    /// <summary>Raises the corruption error for a value that is out of its range.</summary>
    public readonly CorruptIndexException Invalid(string field, string detail) => new(_path, $"{_what} {field}", detail);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new CorruptIndexException(_path, $"{_what} bounds", $"{count} bytes wanted at offset {Position}, {Remaining} left");
        }

        ReadOnlySpan<byte> slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }
}
