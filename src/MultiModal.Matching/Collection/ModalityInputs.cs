using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Collection;

/// <summary>The per-modality inputs an item or a query carries: a raw input or a ready embedding, never both.</summary>
internal sealed class ModalityInputs
{
    private readonly Dictionary<Modality, object> _raw = [];
    private readonly Dictionary<Modality, float[]> _embeddings = [];

    public int Count => _raw.Count + _embeddings.Count;

    public IEnumerable<Modality> Modalities => _raw.Keys.Concat(_embeddings.Keys);

    public IReadOnlyDictionary<Modality, object> Raw => _raw;

    public IReadOnlyDictionary<Modality, float[]> Embeddings => _embeddings;

    public void SetRaw(Modality modality, object input)
    {
        ThrowIfDefault(modality);
        ArgumentNullException.ThrowIfNull(input);
        _embeddings.Remove(modality);
        _raw[modality] = input;
    }

    public void SetEmbedding(Modality modality, ReadOnlySpan<float> embedding)
    {
        ThrowIfDefault(modality);
        if (embedding.IsEmpty)
        {
            throw new ArgumentException($"The embedding for modality '{modality}' is empty.", nameof(embedding));
        }

        _raw.Remove(modality);
        _embeddings[modality] = embedding.ToArray();
    }

    public bool Remove(Modality modality) => _raw.Remove(modality) | _embeddings.Remove(modality);

    public bool Contains(Modality modality) => _raw.ContainsKey(modality) || _embeddings.ContainsKey(modality);

    private static void ThrowIfDefault(Modality modality)
    {
        if (modality.IsDefault)
        {
            throw new ArgumentException("The modality is default-initialised.", nameof(modality));
        }
    }
}
