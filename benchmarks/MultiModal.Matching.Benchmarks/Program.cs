using System.Globalization;
using BenchmarkDotNet.Running;
using MultiModal.Matching.Benchmarks.Interleaved;

// `--interleaved [seconds]` runs the fusion step's goal cases round-robin in one process (see FusionStepInterleaved);
// everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "--interleaved")
{
    double seconds = 300;
    if (args.Length > 1 && (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0 || seconds > 86_400))
    {
        Console.Error.WriteLine($"--interleaved takes a duration in seconds (0 < s ≤ 86400), not '{args[1]}'.");
        return 2;
    }

    string report = FusionStepInterleaved.Run(TimeSpan.FromSeconds(seconds), Console.Out);
    Console.WriteLine(report);
    string path = Path.Combine("BenchmarkDotNet.Artifacts", "results", "FusionStep-interleaved.md");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, $"<!-- {DateTime.UtcNow:u}, {seconds:F0} s -->\n{report}");
    Console.WriteLine($"Written to {path}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
