using System.Text;

namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// Writes item descriptions from templates, and the degraded text a shopper would type:
/// a fresh phrasing with synonyms and misspellings that keeps the category and material.
/// </summary>
public static class TextComposer
{
    private static readonly string[] s_itemTemplates =
    [
        "A {style} {material} {category} {ending}.",
        "This {style} {category} is {material} and {ending}.",
        "{Style} {category} in {material} finish, {ending}.",
        "Our {material} {category}: {style} design {ending}.",
    ];

    private static readonly string[] s_queryTemplates =
    [
        "{material} {category}",
        "looking for a {material} {category}",
        "{category} made of {material}",
        "a {style} {material} {category}",
        "{material} {category} {ending}",
    ];

    /// <summary>The catalogue's own description of an item.</summary>
    /// <param name="traits">The item's hidden attributes.</param>
    /// <param name="random">The generator's random source.</param>
    /// <returns>A one-sentence description naming the category and material with the catalogue's words.</returns>
    public static string Describe(in ItemTraits traits, Random random)
    {
        string template = s_itemTemplates[random.Next(s_itemTemplates.Length)];
        return Fill(
            template,
            Vocabulary.Categories[traits.Category][0],
            Vocabulary.Materials[traits.Material][0],
            Pick(Vocabulary.Styles, random),
            Pick(Vocabulary.Endings, random));
    }

    /// <summary>A shopper's query for an item: new phrasing, synonyms and typos.</summary>
    /// <param name="traits">The item's hidden attributes.</param>
    /// <param name="random">The generator's random source.</param>
    /// <param name="synonymRate">The chance that a key word is replaced by a paraphrase.</param>
    /// <param name="typoRate">The chance that a word gets a typo.</param>
    /// <returns>The query text.</returns>
    public static string Paraphrase(in ItemTraits traits, Random random, double synonymRate, double typoRate)
    {
        string[] categories = Vocabulary.Categories[traits.Category];
        string[] materials = Vocabulary.Materials[traits.Material];
        string category = random.NextDouble() < synonymRate ? categories[1 + random.Next(categories.Length - 1)] : categories[0];
        string material = random.NextDouble() < synonymRate ? materials[1 + random.Next(materials.Length - 1)] : materials[0];
        string template = s_queryTemplates[random.Next(s_queryTemplates.Length)];
        string text = Fill(template, category, material, Pick(Vocabulary.Styles, random), Pick(Vocabulary.Endings, random));
        return Misspell(text, random, typoRate);
    }

    private static string Pick(IReadOnlyList<string> words, Random random) => words[random.Next(words.Count)];

    private static string Fill(string template, string category, string material, string style, string ending) =>
        template
            .Replace("{category}", category, StringComparison.Ordinal)
            .Replace("{material}", material, StringComparison.Ordinal)
            .Replace("{style}", style, StringComparison.Ordinal)
            .Replace("{Style}", char.ToUpperInvariant(style[0]) + style[1..], StringComparison.Ordinal)
            .Replace("{ending}", ending, StringComparison.Ordinal);

    /// <summary>Applies one typo (swap, drop or double a letter) to words longer than three letters.</summary>
    private static string Misspell(string text, Random random, double typoRate)
    {
        string[] words = text.Split(' ');
        var builder = new StringBuilder(text.Length + 4);
        for (int w = 0; w < words.Length; w++)
        {
            string word = words[w];
            if (word.Length > 3 && random.NextDouble() < typoRate)
            {
                int at = 1 + random.Next(word.Length - 2);
                word = random.Next(3) switch
                {
                    0 => string.Concat(word.AsSpan(0, at - 1), word[at].ToString(), word[at - 1].ToString(), word.AsSpan(at + 1)),
                    1 => word.Remove(at, 1),
                    _ => word.Insert(at, word[at].ToString()),
                };
            }

            if (w > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }
}
