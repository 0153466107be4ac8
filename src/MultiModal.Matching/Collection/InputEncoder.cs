using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Collection;

/// <summary>
/// Validates the inputs of items and queries against a schema, then turns them into vectors:
/// ready embeddings are checked and copied, raw inputs go through the modality's encoder.
/// Runs outside the collection's lock, so encoding never blocks searches.
/// </summary>
internal static class InputEncoder
{
    /// <summary>Checks that every modality is declared and usable, raw inputs have an encoder of the right type, and embeddings have the right dimension and finite values.</summary>
    /// <exception cref="ArgumentException">Something does not fit the schema.</exception>
    /// <exception cref="InvalidOperationException">A modality awaits <c>ReindexModality</c>.</exception>
    public static void Validate(CollectionSchema schema, IReadOnlySet<Modality> stale, ModalityInputs inputs, string what)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException($"The {what} carries no modality; set at least one of {string.Join(", ", schema.Modalities.Select(m => m.Modality))}.");
        }

        foreach (var (modality, input) in inputs.Raw)
        {
            ModalityDefinition definition = Usable(schema, stale, modality);
            if (definition.Encoder is null)
            {
                throw new ArgumentException($"Modality '{modality}' has no encoder in this collection's schema, so the {what} must give it as an embedding (SetEmbedding), not as a raw {input.GetType().Name}.");
            }

            if (!definition.Encoder.Accepts(input))
            {
                throw new ArgumentException($"Modality '{modality}' is encoded by {definition.Encoder.Identity}, which takes {definition.Encoder.InputType.Name}; the {what} gives a {input.GetType().Name}.");
            }
        }

        foreach (var (modality, embedding) in inputs.Embeddings)
        {
            ModalityDefinition definition = Usable(schema, stale, modality);
            ThrowIfInvalidVector(embedding, definition.Dimension, modality, what);
        }
    }

    /// <summary>Encodes one item's or query's inputs (validated already).</summary>
    public static Dictionary<Modality, float[]> Encode(CollectionSchema schema, ModalityInputs inputs, string what)
    {
        var vectors = new Dictionary<Modality, float[]>(inputs.Count);
        foreach (var (modality, embedding) in inputs.Embeddings)
        {
            vectors.Add(modality, embedding);
        }

        foreach (var (modality, input) in inputs.Raw)
        {
            ModalityDefinition definition = schema.Get(modality);
            var vector = new float[definition.Dimension];
            definition.Encoder!.Encode(input, vector);
            ThrowIfEncoderOutputInvalid(vector, definition, what);
            vectors.Add(modality, vector);
        }

        return vectors;
    }

    /// <summary>Encodes many items' or queries' inputs (validated already), one encoder batch per modality.</summary>
    public static async Task<Dictionary<Modality, float[]>[]> EncodeManyAsync(
        CollectionSchema schema, IReadOnlyList<ModalityInputs> inputs, bool synchronous, string what, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<Modality, float[]>[inputs.Count];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new Dictionary<Modality, float[]>(inputs[i].Embeddings);
        }

        foreach (ModalityDefinition definition in schema.Modalities)
        {
            if (definition.Encoder is null)
            {
                continue;
            }

            var owners = new List<int>();
            var raw = new List<object>();
            for (int i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Raw.TryGetValue(definition.Modality, out object? input))
                {
                    owners.Add(i);
                    raw.Add(input);
                }
            }

            if (raw.Count == 0)
            {
                continue;
            }

            int d = definition.Dimension;
            var rows = new float[raw.Count * d];
            if (synchronous)
            {
                definition.Encoder.EncodeBatch(raw, rows, cancellationToken);
            }
            else
            {
                await definition.Encoder.EncodeAsync(raw, rows, cancellationToken).ConfigureAwait(false);
            }

            for (int r = 0; r < owners.Count; r++)
            {
                float[] vector = rows.AsSpan(r * d, d).ToArray();
                ThrowIfEncoderOutputInvalid(vector, definition, what);
                vectors[owners[r]].Add(definition.Modality, vector);
            }
        }

        return vectors;
    }

    private static ModalityDefinition Usable(CollectionSchema schema, IReadOnlySet<Modality> stale, Modality modality)
    {
        ModalityDefinition definition = schema.Get(modality);
        if (stale.Contains(modality))
        {
            throw new InvalidOperationException($"Modality '{modality}' was built by a different encoder and awaits ReindexModality; it cannot be used until then.");
        }

        return definition;
    }

    private static void ThrowIfInvalidVector(ReadOnlySpan<float> vector, int dimension, Modality modality, string what)
    {
        if (vector.Length != dimension)
        {
            throw new ArgumentException($"The {what}'s '{modality}' embedding has {vector.Length} dimensions; the collection stores {dimension}.");
        }

        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException($"The {what}'s '{modality}' embedding has a non-finite value ({vector[i]}) at index {i}.");
            }
        }
    }

    private static void ThrowIfEncoderOutputInvalid(float[] vector, ModalityDefinition definition, string what)
    {
        foreach (float v in vector)
        {
            if (!float.IsFinite(v))
            {
                throw new InvalidOperationException($"Encoder {definition.Encoder!.Identity} produced a non-finite value for the {what}'s '{definition.Modality}' input.");
            }
        }
    }
}
