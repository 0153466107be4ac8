using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>Whether writes are refused (a collection opened read-only).</summary>
    public bool IsReadOnly { get; private set; }

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("This collection was opened read-only; open it read-write to change it.");
        }
    }

    // The hooks below record writes for a collection that lives in a directory; an in-memory collection keeps nothing else.
    private void LogUpsert(string key, int id, Dictionary<Modality, float[]> vectors, IReadOnlyDictionary<string, AttributeValue> attributes)
    {
        _ = (key, id, vectors, attributes);
    }

    private void LogDelete(string key, int id)
    {
        _ = (key, id);
    }

    private void LogReindex(Modality modality, EncoderIdentity identity)
    {
        _ = (modality, identity);
    }

    private void CommitLog()
    {
    }

    private void DisposeStorage()
    {
    }
}
