using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Storage;

/// <summary>A growable little-endian byte buffer over pooled arrays, for log records and small files.</summary>
/// <remarks>Not thread-safe. Return the array with <see cref="Dispose"/>.</remarks>
internal sealed class ByteBuffer : IDisposable
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _array;

    public ByteBuffer(int initialCapacity = 256) => _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    /// <summary>The written bytes, writable (to patch a length or checksum).</summary>
    public Span<byte> WrittenSpanMutable => _array.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteFloats(ReadOnlySpan<float> values) => WriteBytes(MemoryMarshal.AsBytes(values));

    /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> preceded by their count as u16 or u32.</summary>
    /// <exception cref="System.Text.EncoderFallbackException">The text has an unpaired surrogate.</exception>
    public void WriteUtf8(string text, bool wideLength)
    {
        int count = StrictUtf8.GetByteCount(text);
        if (wideLength)
        {
            WriteInt32(count);
        }
        else
        {
            WriteUInt16(checked((ushort)count));
        }

        StrictUtf8.GetBytes(text, Reserve(count));
    }

    /// <summary>Appends <paramref name="count"/> bytes and returns them to be filled.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_array.Length - Length < count)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(Length + count), _array.Length * 2));
            _array.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }

        Span<byte> span = _array.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
