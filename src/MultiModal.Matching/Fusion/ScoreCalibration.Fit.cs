using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

public sealed partial class ScoreCalibration
{
    /// <summary>
    /// Fits a calibration on a collection's own score distribution. For a seeded sample of items, each modality
    /// contributes the similarities of the item's nearest neighbours (the head of the distribution that ranking
    /// cares about) and of random other items (the body), and the pooled samples become quantile knots.
    /// </summary>
    /// <param name="source">The collection's indexes.</param>
    /// <param name="itemIds">The ids of the collection's live items (the sample is drawn from them).</param>
    /// <param name="probes">How many items to sample as queries; at least 1.</param>
    /// <param name="neighbors">How many nearest neighbours per probe; at least 1.</param>
    /// <param name="randomPairs">How many random partners per probe; at least 0.</param>
    /// <param name="seed">The random seed; the same inputs and seed give the same calibration.</param>
    /// <returns>The calibration, covering every modality with at least 2 samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 items, or no modality yields 2 samples.</exception>
    /// <remarks>Reads the indexes concurrently with other readers; do not modify them while fitting.</remarks>
    public static ScoreCalibration Fit(
        IFusionSource source,
        ReadOnlySpan<int> itemIds,
        int probes = 256,
        int neighbors = 32,
        int randomPairs = 32,
        int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbors, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(randomPairs);
        if (itemIds.Length < 2)
        {
            throw new ArgumentException("Calibration needs at least 2 items.", nameof(itemIds));
        }

        var random = new Random(seed);
        var probeIds = new int[Math.Min(probes, itemIds.Length)];
        var pool = itemIds.ToArray();
        for (int i = 0; i < probeIds.Length; i++)
        {
            int j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            probeIds[i] = pool[i];
        }

        var samples = new List<KeyValuePair<Encoding.Modality, float[]>>();
        for (int slot = 0; slot < source.Modalities.Count; slot++)
        {
            var index = source.GetIndex(slot);
            var values = new List<float>();
            var probe = new float[index.Dimension];
            var other = new float[index.Dimension];
            var found = new Neighbor[neighbors + 1];
            foreach (int id in probeIds)
            {
                if (!index.TryGetVector(id, probe))
                {
                    continue;
                }

                int n = index.Search(probe, neighbors + 1, found);
                for (int i = 0; i < n; i++)
                {
                    if (found[i].Id != id)
                    {
                        values.Add(ScoreMath.ToSimilarity(index.Metric, found[i].Distance));
                    }
                }

                for (int r = 0; r < randomPairs; r++)
                {
                    int partner = itemIds[random.Next(itemIds.Length)];
                    if (partner != id && index.TryGetVector(partner, other))
                    {
                        values.Add(ScoreMath.Similarity(index.Metric, probe, other));
                    }
                }
            }

            if (values.Count >= 2)
            {
                samples.Add(KeyValuePair.Create(source.Modalities[slot], values.ToArray()));
            }
        }

        if (samples.Count == 0)
        {
            throw new ArgumentException("No modality yielded enough samples to calibrate.", nameof(itemIds));
        }

        return FromSamples(samples);
    }
}
