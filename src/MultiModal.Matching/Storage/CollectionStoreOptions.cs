namespace MultiModal.Matching.Storage;

/// <summary>How a <see cref="CollectionStore"/> is opened.</summary>
internal enum StoreOpenMode
{
    /// <summary>Maps the last checkpoint; no lock, no log replay, no writes. Any number of readers.</summary>
    ReadOnly = 0,

    /// <summary>Takes the directory's writer lock, maps the last checkpoint and replays the log tail.</summary>
    ReadWrite = 1,
}

/// <summary>Options of a <see cref="CollectionStore"/>.</summary>
internal sealed record CollectionStoreOptions
{
    /// <summary>The defaults: no full checksum pass at open, automatic checkpoint past 64 MiB of log.</summary>
    public static CollectionStoreOptions Default { get; } = new();

    /// <summary>
    /// When true, opening reads every region of every segment and verifies its CRC-32C (time
    /// proportional to the collection's size). When false (default), open checks headers and
    /// bounds only, and region checksums are verified when a checkpoint copies the regions.
    /// </summary>
    public bool VerifyChecksums { get; init; }

    /// <summary>After an acknowledged write leaves the log longer than this, a checkpoint runs. 0 disables it.</summary>
    public long AutoCheckpointLogBytes { get; init; } = 64L << 20;
}
