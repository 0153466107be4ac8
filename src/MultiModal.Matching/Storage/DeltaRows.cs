namespace MultiModal.Matching.Storage;

/// <summary>
/// The vectors of one space appended since the last checkpoint, in fixed-size chunks so that
/// rows never move once written, with a presence bit per row.
/// </summary>
/// <remarks>Appends need the store's write lock; reads the read lock.</remarks>
internal sealed class DeltaRows
{
    private const int ChunkShift = 10;
    private const int ChunkRows = 1 << ChunkShift;

    private readonly int _dimension;
    private float[][] _chunks = [];
    private ulong[] _presence = [];

    public DeltaRows(int dimension) => _dimension = dimension;

    /// <summary>Rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row: <paramref name="vector"/>, or zeros and no presence bit when it is empty.</summary>
    public void Append(ReadOnlySpan<float> vector)
    {
        int row = Count;
        int chunk = row >> ChunkShift;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        }

        _chunks[chunk] ??= new float[ChunkRows * _dimension];
        if ((row >> 6) >= _presence.Length)
        {
            Array.Resize(ref _presence, Math.Max(16, _presence.Length * 2));
        }

        if (!vector.IsEmpty)
        {
            vector.CopyTo(_chunks[chunk].AsSpan((row & (ChunkRows - 1)) * _dimension, _dimension));
            _presence[row >> 6] |= 1UL << (row & 63);
        }

        Count = row + 1;
    }

    /// <summary>Whether row <paramref name="row"/> has a vector.</summary>
    public bool Has(int row) => (_presence[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>Row <paramref name="row"/> (zeros when absent). Stays valid: rows never move.</summary>
    public ReadOnlySpan<float> Get(int row) => _chunks[row >> ChunkShift].AsSpan((row & (ChunkRows - 1)) * _dimension, _dimension);
}
