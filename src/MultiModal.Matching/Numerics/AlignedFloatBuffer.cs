using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// A growable float buffer in unmanaged memory whose element 0 sits on a 64-byte (cache-line) boundary, and, when large,
/// on huge pages (<see cref="LargeBufferMemory"/>). A plain <c>float[]</c>'s data starts 16 bytes into its object, so
/// every 64-byte vector load of a row whose size is a multiple of 64 bytes would straddle two cache lines, which costs a
/// second line access per load (measured: the in-place re-rank over FlatIndex rows took twice as long as over the aligned
/// HNSW records). Unmanaged memory never moves, and its pages can be advised before they are first touched, which a
/// managed array's cannot. The memory is freed by <see cref="Resize"/> (the old block) and by the finalizer; the
/// garbage collector is told of its size, so it schedules collections as it would for a managed array of that size.
/// </summary>
/// <remarks>
/// Not thread-safe; the owner synchronises (FlatIndex holds its lock around every use, and keeps itself, hence this
/// buffer, alive through that use). A reference from <see cref="Origin"/> or a span from <see cref="Slice"/> is valid
/// until the next <see cref="Resize"/>.
/// </remarks>
internal sealed unsafe class AlignedFloatBuffer
{
    private const int AlignmentBytes = 64;
    private LargeBufferMemory.Block _block;

    /// <summary>Allocates a zeroed buffer of <paramref name="length"/> floats.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="OutOfMemoryException">The memory could not be allocated, or <paramref name="length"/> exceeds the largest array .NET allows.</exception>
    public AlignedFloatBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _block = Allocate(length);
        Length = length;
    }

    ~AlignedFloatBuffer() => Release(_block);

    /// <summary>The number of usable floats.</summary>
    public int Length { get; private set; }

    /// <summary>The first usable float's address, as a byte reference (64-byte aligned).</summary>
    public ref byte Origin => ref Unsafe.AsRef<byte>(_block.Pointer);

    /// <summary>Floats [start, start + length).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within [0, <see cref="Length"/>).</exception>
    public Span<float> Slice(int start, int length) => new Span<float>(_block.Pointer, Length).Slice(start, length);

    /// <summary>Grows (or shrinks) to <paramref name="length"/> floats, keeping the common prefix; the rest starts zeroed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="OutOfMemoryException">The new block could not be allocated (the buffer is then unchanged).</exception>
    public void Resize(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var grown = Allocate(length);
        int kept = Math.Min(length, Length);
        new Span<float>(_block.Pointer, kept).CopyTo(new Span<float>(grown.Pointer, kept));
        var old = _block;
        _block = grown;
        Length = length;
        Release(old);
    }

    private static LargeBufferMemory.Block Allocate(int length)
    {
        if (length > Array.MaxLength)
        {
            throw new OutOfMemoryException($"A buffer of {length} floats exceeds the largest array .NET allows.");
        }

        var block = LargeBufferMemory.Allocate((long)length * sizeof(float), AlignmentBytes);
        GC.AddMemoryPressure(block.Bytes);
        return block;
    }

    private static void Release(LargeBufferMemory.Block block)
    {
        if (block.Pointer != null)
        {
            LargeBufferMemory.Free(block);
            GC.RemoveMemoryPressure(block.Bytes);
        }
    }
}
