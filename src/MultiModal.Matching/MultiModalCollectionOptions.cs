using Microsoft.Extensions.Logging;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

/// <summary>How a <see cref="MultiModalCollection"/> behaves; values are copied when the collection is created or opened.</summary>
/// <remarks>Not thread-safe; configure before passing it to a factory method.</remarks>
public sealed class MultiModalCollectionOptions
{
    private int _seed = 42;
    private int _encodeBatchSize = 64;
    private long _autoCommitLogBytes = 64L << 20;

    private IFusion _defaultFusion = Fuse.Late(Combine.Rrf());

    /// <summary>
    /// The fusion strategy of searches that name none: late fusion with reciprocal rank fusion (k = 60) by default,
    /// which needs no score normalisation and tolerates missing modalities on both sides.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IFusion DefaultFusion
    {
        get => _defaultFusion;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _defaultFusion = value;
        }
    }

    /// <summary>Where the collection logs (opens, commits, bulk operations, refused encoders); none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// What to do when a modality's stored encoder identity differs from the schema's encoder on open:
    /// refuse (the default), or open and leave the modality unusable until <c>ReindexModality</c> rebuilds it.
    /// </summary>
    public EncoderMismatchHandling OnEncoderMismatch { get; set; } = EncoderMismatchHandling.Throw;

    /// <summary>The seed of the HNSW level draws, so that a single-threaded build is reproducible. Default 42.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Seed
    {
        get => _seed;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _seed = value;
        }
    }

    /// <summary>How many inputs bulk operations encode per encoder call. Default 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int EncodeBatchSize
    {
        get => _encodeBatchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _encodeBatchSize = value;
        }
    }

    /// <summary>
    /// For a collection in a directory: after a write leaves the write-ahead log longer than this many bytes, the
    /// collection commits by itself (see <see cref="MultiModalCollection.Commit"/>), which bounds both the log and
    /// the time the next open spends replaying it. 0 turns automatic commits off. Default 64 MiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long AutoCommitLogBytes
    {
        get => _autoCommitLogBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _autoCommitLogBytes = value;
        }
    }

    /// <summary>The options of the store underneath a collection in a directory.</summary>
    internal CollectionStoreOptions StoreOptions => new() { AutoCheckpointLogBytes = _autoCommitLogBytes };

    /// <summary>A copy of these options.</summary>
    /// <returns>A new options object with the same values.</returns>
    public MultiModalCollectionOptions Clone() => (MultiModalCollectionOptions)MemberwiseClone();
}

/// <summary>What opening a collection does when a modality was built by a different encoder than the schema's.</summary>
public enum EncoderMismatchHandling
{
    /// <summary>Refuse to open with an <see cref="EncoderMismatchException"/>.</summary>
    Throw = 0,

    /// <summary>Open, and refuse to use the modality until <c>MultiModalCollection.ReindexModality</c> has rebuilt it.</summary>
    AllowReindex = 1,
}
