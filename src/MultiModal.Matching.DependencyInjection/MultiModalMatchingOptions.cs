namespace MultiModal.Matching.DependencyInjection;

/// <summary>What <c>services.AddMultiModalMatching(...)</c> registers.</summary>
/// <remarks>Not thread-safe; filled once by the configure callback when the collection is first resolved.</remarks>
public sealed class MultiModalMatchingOptions
{
    /// <summary>The collection's schema; required.</summary>
    public CollectionSchema? Schema { get; set; }

    /// <summary>
    /// The directory the collection lives in (created when it does not exist, opened when it does);
    /// <see langword="null"/> keeps the collection in memory only.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// The collection's options. When <see cref="MultiModalCollectionOptions.LoggerFactory"/> is not set,
    /// the container's <c>ILoggerFactory</c> (if one is registered) is used.
    /// </summary>
    public MultiModalCollectionOptions Collection { get; } = new();
}
