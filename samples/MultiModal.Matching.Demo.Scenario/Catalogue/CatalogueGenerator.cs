namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// Generates a catalogue and its queries, deterministically from <see cref="CatalogueOptions.Seed"/>.
/// Items are drawn with distinct trait combinations, each generated from its own random stream, so
/// the output does not depend on thread scheduling.
/// </summary>
public static class CatalogueGenerator
{
    /// <summary>Generates the items.</summary>
    /// <param name="options">Sizes, seed and gaps.</param>
    /// <param name="progress">Receives the number of items generated so far.</param>
    /// <returns>The items, in key order.</returns>
    public static CatalogueItem[] GenerateItems(CatalogueOptions options, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ItemTraits[] traits = DrawDistinctTraits(options.ItemCount, new Random(options.Seed));
        var items = new CatalogueItem[traits.Length];
        int done = 0;
        Parallel.For(0, traits.Length, i =>
        {
            var random = new Random(Mix(options.Seed, i, 1));
            ItemTraits t = traits[i];
            (bool hasText, bool hasImage, bool hasSound) = DrawPresence(random, options.ItemMissingRate);
            string text = TextComposer.Describe(t, random);
            RgbPixels image = ImageRenderer.Render(t, random);
            float[] sound = SoundSynthesizer.Synthesize(t, random);
            double price = Math.Round(5 + random.NextDouble() * 495, 2);
            items[i] = new CatalogueItem(
                KeyOf(i), t, hasText ? text : null, hasImage ? image : null, hasSound ? sound : null, price, random.NextDouble() < 0.8);
            int n = Interlocked.Increment(ref done);
            if (n % 100 == 0 || n == traits.Length)
            {
                progress?.Report(n);
            }
        });
        return items;
    }

    /// <summary>Generates queries, each a degraded view of a randomly chosen item.</summary>
    /// <param name="items">The catalogue, from <see cref="GenerateItems"/> with the same options.</param>
    /// <param name="options">Sizes, seed, gaps and degradations.</param>
    /// <returns>The queries.</returns>
    public static CatalogueQuery[] GenerateQueries(IReadOnlyList<CatalogueItem> items, CatalogueOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        var queries = new CatalogueQuery[options.QueryCount];
        Parallel.For(0, queries.Length, q =>
        {
            var random = new Random(Mix(options.Seed, q, 2));
            int target = random.Next(items.Count);
            ItemTraits t = items[target].Traits;

            // The pristine views are regenerated from the item's own stream, so a query exists for
            // every modality even where the stored item lacks it.
            var itemRandom = new Random(Mix(options.Seed, target, 1));
            _ = DrawPresence(itemRandom, options.ItemMissingRate);
            _ = TextComposer.Describe(t, itemRandom);
            RgbPixels image = ImageRenderer.Render(t, itemRandom);
            float[] sound = SoundSynthesizer.Synthesize(t, itemRandom);

            (bool hasText, bool hasImage, bool hasSound) = DrawPresence(random, options.QueryMissingRate);
            queries[q] = new CatalogueQuery(
                items[target].Key,
                TextComposer.Paraphrase(t, random, options.SynonymRate, options.TypoRate),
                ImageRenderer.Degrade(image, random, options.MinCropFraction, options.ColourCast, options.PixelNoise),
                SoundSynthesizer.Degrade(sound, random, options.MaxShiftSeconds, options.SoundSnrDb),
                hasText,
                hasImage,
                hasSound);
        });
        return queries;
    }

    /// <summary>The key of the item at an index.</summary>
    /// <param name="index">The item's position in the catalogue.</param>
    /// <returns>A key like <c>item-00042</c>.</returns>
    public static string KeyOf(int index) => $"item-{index:D5}";

    private static ItemTraits[] DrawDistinctTraits(int count, Random random)
    {
        int combinations = Vocabulary.Categories.Count * Vocabulary.Materials.Count * Vocabulary.Colours.Count
            * Enum.GetValues<Shape>().Length * Enum.GetValues<Texture>().Length
            * Vocabulary.PitchesHz.Count * Enum.GetValues<Timbre>().Length * Enum.GetValues<Rhythm>().Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, combinations / 4, nameof(count));
        var seen = new HashSet<ItemTraits>(count);
        var result = new ItemTraits[count];
        for (int i = 0; i < count;)
        {
            var t = new ItemTraits(
                random.Next(Vocabulary.Categories.Count),
                random.Next(Vocabulary.Materials.Count),
                random.Next(Vocabulary.Colours.Count),
                (Shape)random.Next(Enum.GetValues<Shape>().Length),
                (Texture)random.Next(Enum.GetValues<Texture>().Length),
                random.Next(Vocabulary.PitchesHz.Count),
                (Timbre)random.Next(Enum.GetValues<Timbre>().Length),
                (Rhythm)random.Next(Enum.GetValues<Rhythm>().Length));
            if (seen.Add(t))
            {
                result[i++] = t;
            }
        }

        return result;
    }

    /// <summary>Which of the three modalities are present; at least one always is.</summary>
    private static (bool Text, bool Image, bool Sound) DrawPresence(Random random, double missingRate)
    {
        bool text = random.NextDouble() >= missingRate;
        bool image = random.NextDouble() >= missingRate;
        bool sound = random.NextDouble() >= missingRate;
        if (!(text || image || sound))
        {
            switch (random.Next(3))
            {
                case 0: text = true; break;
                case 1: image = true; break;
                default: sound = true; break;
            }
        }

        return (text, image, sound);
    }

    private static int Mix(int seed, int index, int stream) =>
        unchecked((seed * 1_000_003) ^ (index * 7_919) ^ (stream * 104_729));
}
