using Microsoft.Extensions.Logging;

namespace MultiModal.Matching.Collection;

/// <summary>The collection's log messages (source-generated, allocation-free when the level is off).</summary>
internal static partial class CollectionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created collection at {Location} with {Modalities} modalities")]
    public static partial void Created(ILogger logger, string location, int modalities);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Opened collection at {Location}: {Count} items in {Milliseconds} ms")]
    public static partial void Opened(ILogger logger, string location, int count, double milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Upserted {Count} items in {Milliseconds} ms")]
    public static partial void BulkUpsert(ILogger logger, int count, double milliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Committed {Count} items in {Milliseconds} ms")]
    public static partial void Committed(ILogger logger, int count, double milliseconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Modality {Modality} was built by {Stored}; the schema supplies {Supplied}. It is unusable until ReindexModality")]
    public static partial void EncoderMismatch(ILogger logger, string modality, string stored, string supplied);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Re-indexed modality {Modality} with {Encoder}: {Count} items in {Milliseconds} ms")]
    public static partial void Reindexed(ILogger logger, string modality, string encoder, int count, double milliseconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Search over {Modalities} with k={K} returned {Results} matches in {Microseconds} µs")]
    public static partial void Searched(ILogger logger, string modalities, int k, int results, double microseconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Fitted a score calibration from {Probes} probes in {Milliseconds} ms")]
    public static partial void Calibrated(ILogger logger, int probes, double milliseconds);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Automatic commit of the collection at {Location} failed; the writes stay durable in the log and the commit is retried after the next write")]
    public static partial void AutoCommitFailed(ILogger logger, string location, Exception exception);
}
