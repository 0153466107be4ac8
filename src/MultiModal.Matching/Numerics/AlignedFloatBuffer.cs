using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// A growable float buffer whose element 0 sits on a 64-byte (cache-line) boundary. A plain <c>float[]</c>'s data
/// starts 16 bytes into its object, so every 64-byte vector load of a row whose size is a multiple of 64 bytes would
/// straddle two cache lines, which costs a second line access per load (measured: the in-place re-rank over FlatIndex
/// rows took twice as long as over the aligned HNSW records). The array is allocated on the pinned object heap, so the
/// garbage collector never moves it and the alignment found at allocation holds for its lifetime.
/// </summary>
/// <remarks>Not thread-safe; the owner synchronises (FlatIndex holds its lock around every use).</remarks>
internal sealed class AlignedFloatBuffer
{
    private const int AlignmentBytes = 64;
    private const int PadFloats = (AlignmentBytes / sizeof(float)) - 1;
    private float[] _array;
    private int _offset;

    /// <summary>Allocates a zeroed buffer of <paramref name="length"/> floats.</summary>
    public AlignedFloatBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        (_array, _offset) = Allocate(length);
        Length = length;
    }

    /// <summary>The number of usable floats.</summary>
    public int Length { get; private set; }

    /// <summary>The first usable float's address, as a byte reference (64-byte aligned).</summary>
    public ref byte Origin => ref Unsafe.As<float, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset));

    /// <summary>Floats [start, start + length).</summary>
    public Span<float> Slice(int start, int length) => _array.AsSpan(_offset, Length).Slice(start, length);

    /// <summary>Grows (or shrinks) to <paramref name="length"/> floats, keeping the common prefix.</summary>
    public void Resize(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var (array, offset) = Allocate(length);
        int kept = Math.Min(length, Length);
        _array.AsSpan(_offset, kept).CopyTo(array.AsSpan(offset, kept));
        _array = array;
        _offset = offset;
        Length = length;
    }

    private static unsafe (float[] Array, int Offset) Allocate(int length)
    {
        if (length > Array.MaxLength - PadFloats)
        {
            throw new OutOfMemoryException($"A buffer of {length} floats exceeds the largest array .NET allows.");
        }

        var array = GC.AllocateArray<float>(length + PadFloats, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int misalignment = (int)(address % AlignmentBytes);
        int offset = misalignment == 0 ? 0 : (AlignmentBytes - misalignment) / sizeof(float);
        return (array, offset);
    }
}
