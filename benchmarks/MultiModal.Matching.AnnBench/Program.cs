using System.Diagnostics;
using System.Globalization;
using MultiModal.Matching.AnnBench;
using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

AnnBenchArguments options;
try
{
    options = AnnBenchArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"AnnBench: {ex.Message}");
    return 2;
}

if (options.GenerateInto is not null)
{
    ClusteredDataset.Generate(options.GenerateInto, options.GenerateCount, options.GenerateQueries, options.GenerateDimension, options.GenerateClusters);
    Console.WriteLine($"generated n={options.GenerateCount} queries={options.GenerateQueries} d={options.GenerateDimension} into {options.GenerateInto}");
    return 0;
}

MultiModal.Matching.Numerics.LargeBufferMemory.AdviseHugePages = options.HugePages;
CultureInfo invariant = CultureInfo.InvariantCulture;
float[] queries = TexmexFile.ReadFvecs(options.Query!, out int queryCount, out int queryDimension);
int[] truth = TexmexFile.ReadIvecs(options.GroundTruth!, out int truthRows, out int truthK);
HnswIndex index;
CollectionStore? store = null;
int d;
if (options.Open is not null)
{
    // No build: map the saved collection read-only and search the graph in place. The first open also
    // pays for JIT-compiling the open path, so it is done once untimed and the second open is reported.
    var openClock = new Stopwatch();
    try
    {
        (store, index) = AnnBenchStorage.Open(options.Open);
        index.Dispose();
        store.Dispose();
        openClock.Start();
        (store, index) = AnnBenchStorage.Open(options.Open);
        openClock.Stop();
    }
    catch (CorruptIndexException ex)
    {
        Console.Error.WriteLine($"AnnBench: {ex.Message}");
        return 4;
    }
    catch (IOException ex)
    {
        Console.Error.WriteLine($"AnnBench: cannot open '{options.Open}': {ex.Message}");
        return 4;
    }

    Console.WriteLine(string.Create(invariant, $"open seconds={openClock.Elapsed.TotalSeconds:F6}"));
    d = index.Dimension;
}
else
{
    float[] baseVectors = TexmexFile.ReadFvecs(options.Base!, out int n, out d);
    if (queryDimension != d)
    {
        Console.Error.WriteLine($"AnnBench: inconsistent files (d={d}, query d={queryDimension}).");
        return 2;
    }

    var hnswOptions = new HnswOptions
    {
        Dimension = d,
        Metric = options.Metric,
        M = options.M,
        EfConstruction = options.EfConstruction,
        InitialCapacity = n,
        Quantization = options.Quantization,
        RerankOversampling = options.RerankOversampling,
    };
    index = new HnswIndex(hnswOptions);
    int[] ids = Enumerable.Range(0, n).ToArray();
    var clock = Stopwatch.StartNew();
    double cpuStart = CpuClock.ProcessSeconds();
    index.AddRange(ids, baseVectors, options.Threads);
    double buildSeconds = options.CpuClock ? (CpuClock.ProcessSeconds() - cpuStart) / options.Threads : clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(invariant, $"build n={n} d={d} M={options.M} efC={options.EfConstruction} threads={options.Threads} huge_pages={(options.HugePages ? "on" : "off")} seconds={buildSeconds:F3} inserts_per_s={n / buildSeconds:F0}"));
    if (options.Save is not null)
    {
        AnnBenchStorage.Save(options.Save, index, baseVectors, n, d);
    }
}

if (queryDimension != d || truthRows != queryCount || truthK < options.K)
{
    Console.Error.WriteLine($"AnnBench: inconsistent files (d={d}, query d={queryDimension}, queries={queryCount}, gt rows={truthRows}, gt k={truthK}).");
    return 2;
}

int k = options.K;
var results = new Neighbor[k];
var truthSet = new HashSet<int>();
RunQueries(options.Ef[0], once: true);
foreach (int ef in options.Ef)
{
    double recall = Recall(ef);
    (long done, double seconds) = RunQueries(ef, once: false);
    Console.WriteLine(string.Create(invariant, $"ef={ef} recall@{k}={recall:F4} qps_1thread={done / seconds:F0}"));
}

index.Dispose();
store?.Dispose();
return 0;

double Recall(int ef)
{
    long hits = 0;
    for (int q = 0; q < queryCount; q++)
    {
        int found = index.Search(queries.AsSpan(q * d, d), k, results, ef);
        truthSet.Clear();
        for (int i = 0; i < k; i++)
        {
            truthSet.Add(truth[(q * truthK) + i]);
        }

        for (int i = 0; i < found; i++)
        {
            if (truthSet.Contains(results[i].Id))
            {
                hits++;
            }
        }
    }

    return (double)hits / ((long)queryCount * k);
}

(long Done, double Seconds) RunQueries(int ef, bool once)
{
    long done = 0;
    var timer = Stopwatch.StartNew();
    double cpuStart = CpuClock.ThreadSeconds();
    double Elapsed() => options.CpuClock ? CpuClock.ThreadSeconds() - cpuStart : timer.Elapsed.TotalSeconds;
    do
    {
        for (int q = 0; q < queryCount; q++)
        {
            index.Search(queries.AsSpan(q * d, d), k, results, ef);
        }

        done += queryCount;
    }
    while (!once && Elapsed() < options.MinSeconds);
    return (done, Elapsed());
}
