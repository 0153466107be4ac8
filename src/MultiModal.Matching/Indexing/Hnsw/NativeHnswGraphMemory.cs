using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// <see cref="HnswGraphMemory"/> over unmanaged memory from <see cref="LargeBufferMemory"/> (on huge pages where the
/// platform allows); grows by reallocation (the caller holds the index's structural write lock).
/// </summary>
internal sealed unsafe class NativeHnswGraphMemory : HnswGraphMemory
{
    private LargeBufferMemory.Block _level0;
    private long _level0Bytes;
    private LargeBufferMemory.Block _upper;
    private long _upperInts;

    public NativeHnswGraphMemory(long level0Bytes, long upperInts)
    {
        _level0 = LargeBufferMemory.Allocate(level0Bytes, HnswGraphLayout.Alignment);
        try
        {
            _upper = LargeBufferMemory.Allocate(upperInts * sizeof(int), HnswGraphLayout.Alignment);
        }
        catch
        {
            LargeBufferMemory.Free(_level0);
            throw;
        }

        _level0Bytes = level0Bytes;
        _upperInts = upperInts;
    }

    ~NativeHnswGraphMemory() => Free();

    public override byte* Level0 => _level0.Pointer;

    public override long Level0Bytes => _level0Bytes;

    public override int* Upper => (int*)_upper.Pointer;

    public override long UpperInts => _upperInts;

    public override bool IsReadOnly => false;

    public override void Resize(long level0Bytes, long upperInts)
    {
        ObjectDisposedException.ThrowIf(_level0.Pointer == null, this);
        if (level0Bytes > _level0Bytes)
        {
            var grown = LargeBufferMemory.Allocate(level0Bytes, HnswGraphLayout.Alignment);
            Buffer.MemoryCopy(_level0.Pointer, grown.Pointer, level0Bytes, _level0Bytes);
            LargeBufferMemory.Free(_level0);
            _level0 = grown;
            _level0Bytes = level0Bytes;
        }

        if (upperInts > _upperInts)
        {
            var grown = LargeBufferMemory.Allocate(upperInts * sizeof(int), HnswGraphLayout.Alignment);
            Buffer.MemoryCopy(_upper.Pointer, grown.Pointer, upperInts * sizeof(int), _upperInts * sizeof(int));
            LargeBufferMemory.Free(_upper);
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
        if (_level0.Pointer != null)
        {
            LargeBufferMemory.Free(_level0);
            LargeBufferMemory.Free(_upper);
            _level0 = default;
            _upper = default;
        }
    }
}
