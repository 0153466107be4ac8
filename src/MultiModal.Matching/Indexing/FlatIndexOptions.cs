namespace MultiModal.Matching.Indexing;

/// <summary>Tuning knobs of a <see cref="FlatIndex"/>. Values are copied when the index is created.</summary>
/// <remarks>Not thread-safe; configure before passing it to the index constructor.</remarks>
public sealed class FlatIndexOptions
{
    private int _maxDegreeOfParallelism = 1;
    private int _minRowsPerTask = 32_768;
    private int _initialCapacity = 16;

    /// <summary>
    /// How many threads one search may use to scan row blocks; 1 (the default) scans on the calling thread.
    /// A parallel search allocates a little (task bookkeeping); a single-threaded one allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>The fewest rows worth a thread of their own; smaller indexes are scanned on one thread. Default 32,768.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MinRowsPerTask
    {
        get => _minRowsPerTask;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _minRowsPerTask = value;
        }
    }

    /// <summary>How many rows to reserve room for up front. Default 16.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int InitialCapacity
    {
        get => _initialCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _initialCapacity = value;
        }
    }
}
