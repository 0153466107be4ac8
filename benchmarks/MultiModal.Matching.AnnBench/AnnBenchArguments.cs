using System.Globalization;
using MultiModal.Matching.Indexing.Hnsw;

namespace MultiModal.Matching.AnnBench;

/// <summary>The command line of DESIGN.md section 7, plus <c>--gen</c> to write a clustered dataset.</summary>
internal sealed class AnnBenchArguments
{
    public string? Base { get; private set; }

    public string? Query { get; private set; }

    public string? GroundTruth { get; private set; }

    public DistanceMetric Metric { get; private set; } = DistanceMetric.L2;

    public int M { get; private set; } = 16;

    public int EfConstruction { get; private set; } = 200;

    public int Threads { get; private set; } = 1;

    public int[] Ef { get; private set; } = [10, 16, 24, 32, 48, 64, 96, 128, 256];

    public int K { get; private set; } = 10;

    public HnswQuantization Quantization { get; private set; } = HnswQuantization.None;

    public int RerankOversampling { get; private set; } = 4;

    /// <summary>
    /// "wall" (default) or "cpu": with cpu, qps_1thread is queries per second of the search thread's CPU
    /// time and the build seconds are the process's CPU time divided by the build threads.
    /// </summary>
    public bool CpuClock { get; private set; }

    /// <summary>
    /// "on" (default) or "off": whether the index's large buffers are advised as transparent huge pages
    /// (<c>LargeBufferMemory</c>); off gives the 4 KiB-page baseline for a side-by-side run.
    /// </summary>
    public bool HugePages { get; private set; } = true;

    public string? Save { get; private set; }

    public string? Open { get; private set; }

    /// <summary>Minimum seconds of timed queries per ef line (the query set is repeated until reached).</summary>
    public double MinSeconds { get; private set; } = 1.0;

    /// <summary>With --gen: write base.fvecs, query.fvecs and groundtruth.ivecs into this folder and exit.</summary>
    public string? GenerateInto { get; private set; }

    public int GenerateCount { get; private set; } = 100_000;

    public int GenerateQueries { get; private set; } = 1_000;

    public int GenerateDimension { get; private set; } = 128;

    public int GenerateClusters { get; private set; } = 100;

    public static AnnBenchArguments Parse(string[] args)
    {
        var parsed = new AnnBenchArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--base": parsed.Base = Value(); break;
                case "--query": parsed.Query = Value(); break;
                case "--gt": parsed.GroundTruth = Value(); break;
                case "--metric": parsed.Metric = ParseMetric(Value()); break;
                case "--m": parsed.M = ParseInt(Value(), name); break;
                case "--ef-construction": parsed.EfConstruction = ParseInt(Value(), name); break;
                case "--threads": parsed.Threads = ParseInt(Value(), name); break;
                case "--ef": parsed.Ef = Value().Split(',').Select(v => ParseInt(v, name)).ToArray(); break;
                case "--k": parsed.K = ParseInt(Value(), name); break;
                case "--quantization": parsed.Quantization = Value() == "int8" ? HnswQuantization.Int8 : HnswQuantization.None; break;
                case "--rerank-oversampling": parsed.RerankOversampling = ParseInt(Value(), name); break;
                case "--clock": parsed.CpuClock = Value() == "cpu"; break;
                case "--huge-pages": parsed.HugePages = ParseSwitch(Value(), name); break;
                case "--save": parsed.Save = Value(); break;
                case "--open": parsed.Open = Value(); break;
                case "--min-seconds": parsed.MinSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--gen": parsed.GenerateInto = Value(); break;
                case "--gen-n": parsed.GenerateCount = ParseInt(Value(), name); break;
                case "--gen-queries": parsed.GenerateQueries = ParseInt(Value(), name); break;
                case "--gen-d": parsed.GenerateDimension = ParseInt(Value(), name); break;
                case "--gen-clusters": parsed.GenerateClusters = ParseInt(Value(), name); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if (parsed.GenerateInto is null && (parsed.Query is null || parsed.GroundTruth is null || (parsed.Base is null && parsed.Open is null)))
        {
            throw new ArgumentException("--query, --gt and --base (or --open) are required.");
        }

        return parsed;
    }

    private static int ParseInt(string value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) && result > 0
            ? result
            : throw new ArgumentException($"{name}: '{value}' is not a positive integer.");

    private static DistanceMetric ParseMetric(string value) => value switch
    {
        "l2" => DistanceMetric.L2,
        "cosine" => DistanceMetric.Cosine,
        "dot" or "ip" => DistanceMetric.DotProduct,
        _ => throw new ArgumentException($"--metric: '{value}' is not l2, cosine or dot."),
    };

    private static bool ParseSwitch(string value, string name) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"{name}: '{value}' is not on or off."),
    };
}
