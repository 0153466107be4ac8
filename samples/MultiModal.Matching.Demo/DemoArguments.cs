using System.Globalization;

namespace MultiModal.Matching.Demo;

/// <summary>The demo's command line: <c>--items N --queries N --data DIR --in-memory</c>.</summary>
internal sealed record DemoArguments(int Items, int Queries, string DataDirectory, bool InMemory, bool ShowHelp)
{
    public static DemoArguments Parse(string[] args)
    {
        var result = new DemoArguments(3000, 300, "demo-data", InMemory: false, ShowHelp: false);
        for (int i = 0; i < args.Length; i++)
        {
            string? next = i + 1 < args.Length ? args[i + 1] : null;
            result = args[i] switch
            {
                "--items" when next is not null => result with { Items = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--queries" when next is not null => result with { Queries = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--data" when next is not null => result with { DataDirectory = args[++i] },
                "--in-memory" => result with { InMemory = true },
                _ => result with { ShowHelp = true },
            };
        }

        return result;
    }
}
