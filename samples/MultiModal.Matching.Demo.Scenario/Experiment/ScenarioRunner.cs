using System.Diagnostics;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.Demo.Scenario.Catalogue;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>
/// Builds the demo collection from a generated catalogue (writing it to a directory and reopening it when one
/// is given), then measures recall@k, MRR@k and latency of every strategy on degraded queries, with and without
/// missing modalities.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The collection's schema for the given encoders: three modalities, a joint space, and attributes.</summary>
    /// <param name="encoders">The encoders.</param>
    /// <returns>The schema.</returns>
    public static CollectionSchema Schema(DemoEncoders encoders)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        // Lighter HNSW construction than the library default (efConstruction 200): a few thousand items do not need it.
        IndexParameters index = IndexParameters.Hnsw(m: 16, efConstruction: 80, efSearch: 64);
        return new CollectionSchema()
            .WithModality(encoders.Text, index: index)
            .WithModality(encoders.Image, index: index)
            .WithModality(encoders.Audio, index: index)
            .WithJointSpace(index, (Modality.Text, 1.0), (Modality.Image, 1.0), (Modality.Audio, 1.0))
            .WithAttribute("category", AttributeType.String)
            .WithAttribute("price", AttributeType.Number)
            .WithAttribute("inStock", AttributeType.Boolean);
    }

    /// <summary>Runs the whole scenario with the built-in encoders (<see cref="DemoEncoders.CreateBuiltIn"/>).</summary>
    /// <param name="options">Sizes, location and strategies.</param>
    /// <param name="progress">Receives each stage's progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The measurements.</returns>
    public static ScenarioResult Run(ScenarioOptions options, IProgress<ScenarioProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CatalogueOptions catalogue = options.Catalogue;
        CatalogueItem[] items = CatalogueGenerator.GenerateItems(
            catalogue, new Progress(progress, "generate", catalogue.ItemCount));
        DemoEncoders encoders = DemoEncoders.CreateBuiltIn(items);
        CollectionSchema schema = Schema(encoders);

        var stopwatch = Stopwatch.StartNew();
        MultiModalCollection collection = options.Directory is null
            ? MultiModalCollection.CreateInMemory(schema)
            : MultiModalCollection.Create(options.Directory, schema);
        double reopenSeconds = 0;
        try
        {
            collection.UpsertBatch(
                items.Select(i => KeyValuePair.Create(i.Key, ToItem(i))),
                new BulkProgressAdapter(progress, "index"),
                cancellationToken);
            double indexSeconds = stopwatch.Elapsed.TotalSeconds;
            if (options.Directory is not null)
            {
                collection.Commit(cancellationToken: cancellationToken);
                collection.Dispose();
                stopwatch.Restart();
                collection = MultiModalCollection.Open(options.Directory, schema, progress: new BulkProgressAdapter(progress, "reopen"), cancellationToken: cancellationToken);
                reopenSeconds = stopwatch.Elapsed.TotalSeconds;
            }

            CatalogueQuery[] queries = CatalogueGenerator.GenerateQueries(items, catalogue);
            EncodedQuery[] encoded = EncodeQueries(queries, encoders, progress);
            var targets = new Dictionary<string, int>(items.Length, StringComparer.Ordinal);
            for (int i = 0; i < items.Length; i++)
            {
                targets[items[i].Key] = i;
            }

            var complete = new List<StrategyResult>();
            var withGaps = new List<StrategyResult>();
            int stage = 0;
            foreach (Strategy strategy in options.Strategies)
            {
                cancellationToken.ThrowIfCancellationRequested();
                complete.Add(Measure(collection, strategy, encoded, targets, options.K, withGaps: false));
                withGaps.Add(Measure(collection, strategy, encoded, targets, options.K, withGaps: true));
                progress?.Report(new ScenarioProgress("evaluate", ++stage, options.Strategies.Count));
            }

            return new ScenarioResult(
                items.Length,
                queries.Length,
                options.Directory ?? "(in memory)",
                indexSeconds,
                reopenSeconds,
                complete,
                withGaps,
                FindExample(collection, options, encoded, queries));
        }
        finally
        {
            collection.Dispose();
        }
    }

    /// <summary>The collection item for a catalogue item: its present modalities as raw inputs, and its attributes.</summary>
    /// <param name="item">The catalogue item.</param>
    /// <returns>The item to upsert.</returns>
    public static MultiModalItem ToItem(CatalogueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = new MultiModalItem()
            .SetAttribute("category", item.Category)
            .SetAttribute("price", item.Price)
            .SetAttribute("inStock", item.InStock);
        if (item.Text is not null)
        {
            result.Set(Modality.Text, item.Text);
        }

        if (item.Image is not null)
        {
            result.Set(Modality.Image, ToRaster(item.Image));
        }

        if (item.Sound is not null)
        {
            result.Set(Modality.Audio, ToClip(item.Sound));
        }

        return result;
    }

    /// <summary>Wraps rendered pixels as the media layer's image type.</summary>
    /// <param name="pixels">The pixels.</param>
    /// <returns>An RGB8 raster.</returns>
    public static RasterImage ToRaster(RgbPixels pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return new RasterImage(pixels.Width, pixels.Height, PixelFormat.Rgb8, pixels.Pixels);
    }

    /// <summary>Wraps synthesised samples as the media layer's audio type.</summary>
    /// <param name="samples">Mono samples at <see cref="SoundSynthesizer.SampleRate"/>.</param>
    /// <returns>A mono clip.</returns>
    public static AudioClip ToClip(float[] samples) => new(samples, 1, SoundSynthesizer.SampleRate);

    private static EncodedQuery[] EncodeQueries(CatalogueQuery[] queries, DemoEncoders encoders, IProgress<ScenarioProgress>? progress)
    {
        float[][] text = Encode(encoders.Text, queries.Select(q => q.Text).ToArray());
        progress?.Report(new ScenarioProgress("queries", 1, 3));
        float[][] image = Encode(encoders.Image, queries.Select(q => ToRaster(q.Image)).ToArray());
        progress?.Report(new ScenarioProgress("queries", 2, 3));
        float[][] audio = Encode(encoders.Audio, queries.Select(q => ToClip(q.Sound)).ToArray());
        progress?.Report(new ScenarioProgress("queries", 3, 3));
        return [.. queries.Select((q, i) => new EncodedQuery(q, text[i], image[i], audio[i]))];
    }

    private static float[][] Encode<T>(IEncoder<T> encoder, T[] inputs)
    {
        var embeddings = encoder.GenerateAsync(inputs).GetAwaiter().GetResult();
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    private static StrategyResult Measure(
        MultiModalCollection collection, Strategy strategy, EncodedQuery[] queries, Dictionary<string, int> targets, int k, bool withGaps)
    {
        var latencies = new List<double>(queries.Length);
        double recall = 0, mrr = 0;
        int[] ranked = new int[k];
        foreach (EncodedQuery query in queries)
        {
            if (query.ToQuery(strategy.Only, withGaps) is not { } multiModal)
            {
                continue; // the query lacks the baseline's modality: a miss for that row
            }

            long started = Stopwatch.GetTimestamp();
            IReadOnlyList<MultiModalMatch> matches = collection.Search(multiModal, k, strategy.Fusion);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            int n = Math.Min(k, matches.Count);
            for (int i = 0; i < n; i++)
            {
                ranked[i] = targets[matches[i].Key];
            }

            var relevant = new HashSet<int> { targets[query.Source.TargetKey] };
            recall += RetrievalMetrics.RecallAtK(ranked.AsSpan(0, n), relevant, k);
            mrr += RetrievalMetrics.ReciprocalRank(ranked.AsSpan(0, n), relevant);
        }

        LatencyPercentiles latency = LatencyPercentiles.FromSamples(latencies.ToArray());
        return new StrategyResult(strategy, recall / queries.Length, mrr / queries.Length, latency.P50);
    }

    /// <summary>The first complete query that a fused strategy answers at rank 1 while some single modality misses it.</summary>
    private static ExplainedExample? FindExample(MultiModalCollection collection, ScenarioOptions options, EncodedQuery[] queries, CatalogueQuery[] raw)
    {
        Strategy? fused = options.Strategies.FirstOrDefault(s => s.Name.StartsWith("hybrid", StringComparison.Ordinal))
            ?? options.Strategies.FirstOrDefault(s => s.IsFused);
        if (fused is null)
        {
            return null;
        }

        for (int q = 0; q < queries.Length; q++)
        {
            var matches = collection.Search(queries[q].ToQuery(null, withGaps: false)!, options.K, fused.Fusion, includeAttributes: true);
            if (matches.Count == 0 || matches[0].Key != raw[q].TargetKey)
            {
                continue;
            }

            var ranks = new Dictionary<string, int>();
            foreach (Strategy single in options.Strategies.Where(s => !s.IsFused))
            {
                var alone = collection.Search(queries[q].ToQuery(single.Only, withGaps: false)!, options.K, single.Fusion);
                int rank = alone.Select(m => m.Key).ToList().IndexOf(raw[q].TargetKey) + 1;
                ranks[single.Only!.Value.Name] = rank;
            }

            if (ranks.Values.All(r => r != 1))
            {
                return new ExplainedExample(raw[q].Text, fused.Name, matches[0], ranks);
            }
        }

        return null;
    }

    /// <summary>A catalogue query with its embeddings computed once, so the timed searches exclude encoding.</summary>
    private sealed record EncodedQuery(CatalogueQuery Source, float[] Text, float[] Image, float[] Audio)
    {
        public MultiModalQuery? ToQuery(Modality? only, bool withGaps)
        {
            var query = new MultiModalQuery();
            Add(query, Modality.Text, Text, !withGaps || Source.HasText, only);
            Add(query, Modality.Image, Image, !withGaps || Source.HasImage, only);
            Add(query, Modality.Audio, Audio, !withGaps || Source.HasSound, only);
            return query.Modalities.Any() ? query : null;
        }

        private static void Add(MultiModalQuery query, Modality modality, float[] vector, bool present, Modality? only)
        {
            if (present && (only is null || only.Value == modality))
            {
                query.SetEmbedding(modality, vector);
            }
        }
    }

    private sealed class Progress(IProgress<ScenarioProgress>? inner, string stage, int total) : IProgress<int>
    {
        public void Report(int value) => inner?.Report(new ScenarioProgress(stage, value, total));
    }

    private sealed class BulkProgressAdapter(IProgress<ScenarioProgress>? inner, string stage) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => inner?.Report(new ScenarioProgress(stage, value.Completed, value.Total));
    }
}
