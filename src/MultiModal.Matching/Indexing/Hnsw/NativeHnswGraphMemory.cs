using System.Runtime.InteropServices;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// <see cref="HnswGraphMemory"/> over unmanaged memory from <see cref="NativeMemory.AlignedAlloc(nuint, nuint)"/>;
/// grows by reallocation (the caller holds the index's structural write lock).
/// </summary>
internal sealed unsafe class NativeHnswGraphMemory : HnswGraphMemory
{
    private byte* _level0;
    private long _level0Bytes;
    private int* _upper;
    private long _upperInts;

    public NativeHnswGraphMemory(long level0Bytes, long upperInts)
    {
        _level0 = Allocate(level0Bytes);
        try
        {
            _upper = (int*)Allocate(upperInts * sizeof(int));
        }
        catch
        {
            NativeMemory.AlignedFree(_level0);
            throw;
        }

        _level0Bytes = level0Bytes;
        _upperInts = upperInts;
    }

    ~NativeHnswGraphMemory() => Free();

    public override byte* Level0 => _level0;

    public override long Level0Bytes => _level0Bytes;

    public override int* Upper => _upper;

    public override long UpperInts => _upperInts;

    public override bool IsReadOnly => false;

    public override void Resize(long level0Bytes, long upperInts)
    {
        ObjectDisposedException.ThrowIf(_level0 == null, this);
        if (level0Bytes > _level0Bytes)
        {
            byte* grown = Allocate(level0Bytes);
            Buffer.MemoryCopy(_level0, grown, level0Bytes, _level0Bytes);
            NativeMemory.AlignedFree(_level0);
            _level0 = grown;
            _level0Bytes = level0Bytes;
        }

        if (upperInts > _upperInts)
        {
            int* grown = (int*)Allocate(upperInts * sizeof(int));
            Buffer.MemoryCopy(_upper, grown, upperInts * sizeof(int), _upperInts * sizeof(int));
            NativeMemory.AlignedFree(_upper);
            _upper = grown;
            _upperInts = upperInts;
        }
    }

    public override void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_level0 != null)
        {
            NativeMemory.AlignedFree(_level0);
            NativeMemory.AlignedFree(_upper);
            _level0 = null;
            _upper = null;
        }
    }

    private static byte* Allocate(long bytes)
    {
        nuint size = (nuint)Math.Max(bytes, HnswGraphLayout.Alignment);
        byte* p = (byte*)NativeMemory.AlignedAlloc(size, HnswGraphLayout.Alignment);
        NativeMemory.Clear(p, size);
        return p;
    }
}
