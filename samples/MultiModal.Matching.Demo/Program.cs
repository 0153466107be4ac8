// Placeholder demo: the exact FlatIndex on generated data. The facade issue replaces it with the
// multi-modal collection walk-through.
using MultiModal.Matching;
using MultiModal.Matching.Indexing;

const int Dimension = 64, Items = 20_000, K = 5;
var rng = new Random(7);
var index = new FlatIndex(Dimension, DistanceMetric.Cosine);
var vector = new float[Dimension];
for (int id = 0; id < Items; id++)
{
    for (int i = 0; i < Dimension; i++)
    {
        vector[i] = (float)((rng.NextDouble() * 2) - 1);
    }

    index.Add(id, vector);
}

// A query near item 42: its vector plus a little noise, so item 42 should come first.
index.TryGetVector(42, vector);
for (int i = 0; i < Dimension; i++)
{
    vector[i] += (float)((rng.NextDouble() - 0.5) * 0.05);
}

var results = new Neighbor[K];
int found = index.Search(vector, K, results);
Console.WriteLine($"FlatIndex: {index.Count} items, d={Dimension}, cosine. Top {found} for a noisy copy of item 42:");
foreach (Neighbor n in results.AsSpan(0, found))
{
    Console.WriteLine($"  id {n.Id,6}  cosine similarity {1 - n.Distance:F4}");
}
