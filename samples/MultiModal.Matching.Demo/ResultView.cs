using System.Globalization;
using MultiModal.Matching.Demo.Scenario.Experiment;
using MultiModal.Matching.Fusion;
using Spectre.Console;

namespace MultiModal.Matching.Demo;

/// <summary>Prints the scenario's measurements: the strategy table, the fusion gain and one explained match.</summary>
internal static class ResultView
{
    public static void Write(ScenarioResult result, TimeSpan elapsed)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(
            $"Collection: [bold]{result.ItemCount:N0}[/] items at [grey]{Markup.Escape(result.Location)}[/], " +
            $"encoded and indexed in {result.IndexSeconds:F1} s" +
            (result.ReopenSeconds > 0 ? $", committed and reopened in {result.ReopenSeconds:F2} s." : "."));
        AnsiConsole.WriteLine();

        double bestSingle = ScenarioResult.BestSingle(result.Complete);
        double bestSingleGaps = ScenarioResult.BestSingle(result.WithGaps);
        var table = new Table().RoundedBorder().Title($"[bold]{result.QueryCount} degraded queries, k = 10[/]");
        table.AddColumn("strategy");
        table.AddColumn(new TableColumn("recall@10").RightAligned());
        table.AddColumn(new TableColumn("MRR@10").RightAligned());
        table.AddColumn(new TableColumn("median latency").RightAligned());
        table.AddColumn(new TableColumn("recall@10\nmodalities missing").RightAligned());
        table.AddColumn(new TableColumn("MRR@10\nmodalities missing").RightAligned());
        for (int i = 0; i < result.Complete.Count; i++)
        {
            StrategyResult full = result.Complete[i], gaps = result.WithGaps[i];
            if (i == 3)
            {
                table.AddEmptyRow();
            }

            table.AddRow(
                full.Strategy.IsFused ? $"[bold]{Markup.Escape(full.Strategy.Name)}[/]" : Markup.Escape(full.Strategy.Name),
                Score(full.Recall, bestSingle, full.Strategy.IsFused),
                full.Mrr.ToString("F3", CultureInfo.InvariantCulture),
                Latency(full.MedianMicroseconds),
                Score(gaps.Recall, bestSingleGaps, gaps.Strategy.IsFused),
                gaps.Mrr.ToString("F3", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(
            $"Fusion gain over the best single modality (recall@10): [bold green]{Signed(result.FusionGain)}[/] with every modality, " +
            $"[bold green]{Signed(result.FusionGainWithGaps)}[/] with modalities missing.");
        AnsiConsole.WriteLine();

        if (result.Example is { } example)
        {
            WriteExample(example);
        }

        AnsiConsole.MarkupLine($"[grey]Done in {elapsed.TotalSeconds:F1} s. Latency excludes encoding (query embeddings are computed once).[/]");
    }

    private static void WriteExample(ExplainedExample example)
    {
        AnsiConsole.MarkupLine($"[bold]One explained match[/] ({Markup.Escape(example.Strategy)}): query text \"{Markup.Escape(example.QueryText)}\" + a degraded picture + a noisy recording");
        AnsiConsole.MarkupLine(
            $"found [bold]{Markup.Escape(example.Match.Key)}[/] at rank 1 (fused score {example.Match.Score:F3}); alone, " +
            string.Join(", ", example.SingleModalityRanks.Select(p => $"{p.Key} ranks it {(p.Value == 0 ? "beyond 10" : "#" + p.Value)}")) + ".");
        var table = new Table().RoundedBorder();
        foreach (string column in new[] { "modality", "raw score", "rank", "normalised", "weight", "contribution", "source" })
        {
            table.AddColumn(column == "modality" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (ModalityContribution c in example.Match.Explanation)
        {
            table.AddRow(
                c.Modality.Name,
                Number(c.RawScore),
                c.Rank == 0 ? "-" : c.Rank.ToString(CultureInfo.InvariantCulture),
                Number(c.NormalizedScore),
                Number(c.Weight),
                Number(c.Contribution),
                c.Source.ToString());
        }

        AnsiConsole.Write(table);
        if (example.Match.Attributes is { } attributes)
        {
            AnsiConsole.MarkupLine("[grey]attributes: " + Markup.Escape(string.Join(", ", attributes.Select(a => $"{a.Key} = {a.Value}"))) + "[/]");
        }

        AnsiConsole.WriteLine();
    }

    private static string Score(double recall, double bestSingle, bool fused)
    {
        string text = recall.ToString("F3", CultureInfo.InvariantCulture);
        return fused && recall > bestSingle ? $"[green]{text}[/]" : text;
    }

    private static string Latency(double microseconds) => microseconds >= 1000
        ? (microseconds / 1000).ToString("F2", CultureInfo.InvariantCulture) + " ms"
        : microseconds.ToString("F0", CultureInfo.InvariantCulture) + " µs";

    private static string Number(float value) => float.IsNaN(value) ? "-" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value >= 0 ? "+" : string.Empty) + value.ToString("F3", CultureInfo.InvariantCulture);
}
