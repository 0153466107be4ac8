using MultiModal.Matching.Demo;
using MultiModal.Matching.Demo.Scenario.Catalogue;
using MultiModal.Matching.Demo.Scenario.Experiment;
using Spectre.Console;

// The demo: a synthetic catalogue where every item has a description, a picture and a jingle generated from
// hidden attributes; each modality alone is ambiguous, together they identify the item. It builds the
// collection in ./demo-data, reopens it, and measures every fusion strategy on degraded queries.
DemoArguments arguments = DemoArguments.Parse(args);
if (arguments.ShowHelp)
{
    AnsiConsole.WriteLine("Usage: dotnet run -c Release --project samples/MultiModal.Matching.Demo [-- --items N] [--queries N] [--data DIR] [--in-memory]");
    return 0;
}

string? directory = arguments.InMemory ? null : Path.GetFullPath(arguments.DataDirectory);
if (directory is not null && Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

var options = new ScenarioOptions
{
    Catalogue = new CatalogueOptions { ItemCount = arguments.Items, QueryCount = arguments.Queries },
    Directory = directory,
};

AnsiConsole.Write(new Rule("[bold]MultiModal.Matching demo[/]").LeftJustified());
AnsiConsole.MarkupLine(
    $"A catalogue of [bold]{options.Catalogue.ItemCount:N0}[/] items: text names category + material, the image shows colour + shape + texture, " +
    $"the sound carries pitch + timbre + rhythm. [bold]{options.Catalogue.QueryCount}[/] queries are paraphrased, misspelled, cropped, recoloured, noisy and shifted views; " +
    $"{options.Catalogue.ItemMissingRate:P0} of item modalities and {options.Catalogue.QueryMissingRate:P0} of query modalities go missing.");
AnsiConsole.WriteLine();

var started = System.Diagnostics.Stopwatch.StartNew();
ScenarioResult result = AnsiConsole.Progress()
    .AutoClear(false)
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        var tasks = new Dictionary<string, ProgressTask>();
        string[] stages = directory is null ? ["generate", "index", "queries", "evaluate"] : ["generate", "index", "reopen", "queries", "evaluate"];
        foreach (string stage in stages)
        {
            tasks[stage] = context.AddTask(StageLabel(stage), autoStart: false, maxValue: 1);
        }

        var progress = new SynchronousProgress(p =>
        {
            if (tasks.TryGetValue(p.Stage, out ProgressTask? task))
            {
                lock (task)
                {
                    task.StartTask();
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Min(p.Completed, task.MaxValue);
                }
            }
        });
        ScenarioResult r = ScenarioRunner.Run(options, progress);
        foreach (ProgressTask task in tasks.Values)
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }

        return r;
    });

ResultView.Write(result, started.Elapsed);
return 0;

static string StageLabel(string stage) => stage switch
{
    "generate" => "Generating the catalogue",
    "index" => "Encoding and indexing",
    "reopen" => "Committing and reopening",
    "queries" => "Encoding the queries",
    _ => "Measuring 8 strategies",
};

/// <summary>Reports on the calling thread (Spectre's tasks are updated under a lock).</summary>
internal sealed class SynchronousProgress(Action<ScenarioProgress> report) : IProgress<ScenarioProgress>
{
    public void Report(ScenarioProgress value) => report(value);
}
