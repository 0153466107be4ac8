using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Fusion;

internal sealed partial class FusionWorkspace
{
    /// <summary>
    /// Maps the query onto the source's slots: which modalities are searched, their prepared (unit-length for cosine)
    /// query vectors, the effective weights renormalised to sum to 1 over the modalities that take part, and the policies.
    /// </summary>
    public void Resolve(IFusionSource source, FusionQuery query, FusionSettings settings)
    {
        var modalities = source.Modalities;
        EnsureSlots(modalities.Count);
        for (int q = 0; q < query.Count; q++)
        {
            var modality = query.EntryAt(q).Modality;
            bool known = false;
            for (int m = 0; m < modalities.Count && !known; m++)
            {
                known = modalities[m] == modality;
            }

            if (!known)
            {
                throw new ArgumentException($"The query has modality '{modality}', which the collection does not have.", nameof(query));
            }
        }

        double total = 0;
        for (int m = 0; m < Slots; m++)
        {
            var modality = modalities[m];
            ModalityOf[m] = modality;
            var index = source.GetIndex(m);
            Index[m] = index;
            Metric[m] = index.Metric;
            QueryPolicy[m] = settings.QueryPolicyOf(modality);
            ItemPolicy[m] = settings.ItemPolicyOf(modality);
            ListCount[m] = 0;
            int at = query.IndexOf(modality);
            HasQuery[m] = at >= 0;
            float weight = at >= 0 ? query.EntryAt(at).Weight : float.NaN;
            if (float.IsNaN(weight))
            {
                weight = settings.WeightOf(modality);
            }

            if (float.IsNaN(weight))
            {
                weight = 1f;
            }

            bool takesPart = weight > 0 && (at >= 0 || QueryPolicy[m].Kind == MissingModalityKind.Fill);
            Weight[m] = takesPart ? weight : 0f;
            Searched[m] = takesPart && at >= 0;
            total += Weight[m];
            if (Searched[m])
            {
                var embedding = query.EntryAt(at).Embedding.Span;
                if (embedding.Length != index.Dimension)
                {
                    throw new ArgumentException(
                        $"The {modality} embedding has dimension {embedding.Length}; the collection's {modality} index has {index.Dimension}.", nameof(query));
                }

                Grow(ref Query[m], embedding.Length);
                var prepared = Query[m].AsSpan(0, embedding.Length);
                embedding.CopyTo(prepared);
                if (index.Metric == DistanceMetric.Cosine)
                {
                    Numerics.VectorKernels.NormalizeInPlace(prepared);
                }
            }
        }

        bool anySearched = false;
        for (int m = 0; m < Slots; m++)
        {
            anySearched |= Searched[m];
            Weight[m] = total > 0 ? (float)(Weight[m] / total) : 0f;
        }

        if (!anySearched)
        {
            throw new ArgumentException("The query has no modality with a positive weight that the collection can search.", nameof(query));
        }
    }

    public ReadOnlySpan<float> PreparedQuery(int slot) => Query[slot].AsSpan(0, Index[slot]!.Dimension);

    /// <summary>Searches every searched modality with the window and converts distances to similarities.</summary>
    public void Retrieve(FusionQuery query, int window)
    {
        for (int m = 0; m < Slots; m++)
        {
            if (!Searched[m])
            {
                continue;
            }

            Grow(ref Lists[m], window);
            Grow(ref ListRaw[m], window);
            var index = Index[m]!;
            int n = index.Search(PreparedQuery(m), window, Lists[m].AsSpan(0, window), query.Filter);
            ListCount[m] = n;
            var raw = ListRaw[m];
            var list = Lists[m];
            for (int i = 0; i < n; i++)
            {
                raw[i] = ScoreMath.ToSimilarity(Metric[m], list[i].Distance);
            }
        }
    }
}
