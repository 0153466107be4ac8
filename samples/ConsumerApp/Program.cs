using Microsoft.Extensions.DependencyInjection;
using MultiModal.Matching;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Media.Encoders;

string directory = Path.Combine(Path.GetTempPath(), "mmm-consumer-quickstart-" + Environment.ProcessId);

// --- The README's quick start, verbatim (but for the directory) ---------------------------------------
var schema = new CollectionSchema()
    .WithModality(new HashedTextEncoder())                 // model-free text encoder from MultiModal.Matching.Media
    .WithModality(Modality.Image, dimension: 3)            // or bring your own embeddings
    .WithAttribute("price", AttributeType.Number);
using var collection = MultiModalCollection.OpenOrCreate(directory, schema);
collection.Upsert("lamp", new MultiModalItem().Set(Modality.Text, "brass desk lamp")
    .SetEmbedding(Modality.Image, [0.9f, 0.1f, 0f]).SetAttribute("price", 49.0));
collection.Upsert("chair", new MultiModalItem().Set(Modality.Text, "oak dining chair").SetAttribute("price", 120.0));
var matches = collection.Search(
    new MultiModalQuery().Set(Modality.Text, "desk lamp").SetEmbedding(Modality.Image, [1f, 0f, 0f]),
    k: 5, Fuse.Late(Combine.Rrf()), AttributeFilter.AtMost("price", 100));
foreach (var match in matches)
    Console.WriteLine($"{match.Key} {match.Score:F3} " + string.Join(" ", match.Explanation.Select(e => $"{e.Modality}:{e.RawScore:F2}")));
// -----------------------------------------------------------------------------------------------------

Check(matches.Count == 1 && matches[0].Key == "lamp", "the filtered fused search finds the lamp only");
collection.Commit();

// The dependency-injection package.
var services = new ServiceCollection().AddMultiModalMatching(options => options.Schema = schema).BuildServiceProvider();
var injected = services.GetRequiredService<MultiModalCollection>();
injected.Upsert("x", new MultiModalItem().SetEmbedding(Modality.Image, [0f, 0f, 1f]).Set(Modality.Text, "blue vase"));
Check(injected.Count == 1 && injected.Directory is null, "AddMultiModalMatching registers an in-memory collection");
services.Dispose();

collection.Dispose();
Directory.Delete(directory, recursive: true);
Console.WriteLine("ConsumerApp: the packages restore and work.");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.Error.WriteLine($"ConsumerApp check failed: {what}");
        Environment.Exit(1);
    }
}
