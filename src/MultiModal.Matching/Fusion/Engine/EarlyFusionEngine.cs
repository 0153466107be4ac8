using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion;

/// <summary>Early fusion: build the query's joint vector, search the joint index, explain from the stored joint vectors.</summary>
internal static class EarlyFusionEngine
{
    public static void Search(EarlyFusion fusion, IFusionSource source, FusionQuery query, int k, FusionResult destination)
    {
        var layout = source.JointLayout;
        var index = source.JointIndex;
        if (layout is null || index is null)
        {
            throw new InvalidOperationException("Early fusion needs a joint index; the collection has none (enable the joint space in its schema).");
        }

        JointLayout.Validate(layout, index, nameof(source));
        var ws = FusionWorkspace.Rent();
        try
        {
            int blocks = layout.BlockCount;
            FusionWorkspace.Grow(ref ws.JointWeight, blocks);
            var weights = ws.JointWeight.AsSpan(0, blocks);
            double total = 0;
            for (int b = 0; b < blocks; b++)
            {
                weights[b] = 0;
            }

            for (int q = 0; q < query.Count; q++)
            {
                ref readonly var entry = ref query.EntryAt(q);
                int b = layout.IndexOf(entry.Modality);
                if (b < 0)
                {
                    throw new ArgumentException($"The query has modality '{entry.Modality}', which the joint space does not have.", nameof(query));
                }

                float w = entry.Weight;
                if (float.IsNaN(w))
                {
                    w = fusion.Settings.WeightOf(entry.Modality);
                }

                if (float.IsNaN(w))
                {
                    w = layout.Block(b).Weight;
                }

                weights[b] = w;
                total += w;
            }

            if (total <= 0)
            {
                throw new ArgumentException("The query has no modality with a positive weight in the joint space.", nameof(query));
            }

            FusionWorkspace.Grow(ref ws.Joint, layout.Dimension);
            var joint = ws.Joint.AsSpan(0, layout.Dimension);
            joint.Clear();
            for (int q = 0; q < query.Count; q++)
            {
                ref readonly var entry = ref query.EntryAt(q);
                int b = layout.IndexOf(entry.Modality);
                weights[b] = (float)(weights[b] / total);
                if (weights[b] > 0)
                {
                    // Block = unit(q)·w′/√w, so that the dot with an item block unit(x)·√w is w′·cos(q, x).
                    layout.WriteBlock(b, entry.Embedding.Span, weights[b] / MathF.Sqrt(layout.Block(b).Weight), joint, nameof(query));
                }
            }

            FusionWorkspace.Grow(ref ws.JointFound, k);
            var found = ws.JointFound.AsSpan(0, k);
            int n = index.Search(joint, k, found, query.Filter);
            WriteResult(ws, source, layout, index, joint, weights, found[..n], query, destination);
            destination.SetStatistics(n, k);
        }
        finally
        {
            FusionWorkspace.Return(ws);
        }
    }

    private static void WriteResult(
        FusionWorkspace ws,
        IFusionSource source,
        JointLayout layout,
        IVectorIndex index,
        ReadOnlySpan<float> joint,
        ReadOnlySpan<float> weights,
        ReadOnlySpan<Neighbor> found,
        FusionQuery query,
        FusionResult destination)
    {
        var modalities = source.Modalities;
        destination.Reset(modalities, found.Length);
        FusionWorkspace.Grow(ref ws.JointItem, layout.Dimension);
        var item = ws.JointItem.AsSpan(0, layout.Dimension);
        for (int i = 0; i < found.Length; i++)
        {
            bool stored = index.TryGetVector(found[i].Id, item);
            var explanation = destination.ExplanationSlot(i);
            for (int m = 0; m < modalities.Count; m++)
            {
                var modality = modalities[m];
                int b = layout.IndexOf(modality);
                bool inQuery = query.Contains(modality);
                if (b < 0 || weights[b] <= 0)
                {
                    explanation[m] = new ModalityContribution(modality, float.NaN, 0, float.NaN, 0f, 0f, ContributionSource.Skipped, inQuery);
                    continue;
                }

                int offset = layout.Offset(b), d = layout.Block(b).Dimension;
                var itemBlock = item.Slice(offset, d);
                float squared = stored ? VectorKernels.Dot(itemBlock, itemBlock) : 0f;
                if (squared <= 0)
                {
                    explanation[m] = new ModalityContribution(modality, float.NaN, 0, 0f, weights[b], 0f, ContributionSource.Filled, inQuery);
                    continue;
                }

                float contribution = VectorKernels.Dot(joint.Slice(offset, d), itemBlock);
                float cosine = contribution / weights[b];
                explanation[m] = new ModalityContribution(modality, cosine, 0, cosine, weights[b], contribution, ContributionSource.Retrieved, inQuery);
            }

            destination.Add(found[i].Id, ScoreMathDot(found[i].Distance));
        }
    }

    private static float ScoreMathDot(float distance) => -distance;
}
