using System.Text.Json;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Collection;

/// <summary>
/// What the facade records next to the store in <c>collection.json</c>: every modality's dimension, metric,
/// index parameters and the identity of the encoder that built it (or "pending" while a re-index runs),
/// the joint space and the attribute fields. Replaced atomically (temporary file, fsync, rename).
/// </summary>
internal sealed record CollectionManifest(
    IReadOnlyList<CollectionManifest.ModalityEntry> Modalities,
    IReadOnlyList<KeyValuePair<string, double>>? Joint,
    IReadOnlyList<AttributeField> Attributes)
{
    public const string FileName = "collection.json";
    private const int FormatVersion = 1;

    /// <summary>
    /// One modality as recorded: name, dimension, metric, and the encoder identity's string form (null for ready
    /// embeddings, "pending" during a re-index).
    /// </summary>
    public sealed record ModalityEntry(string Name, int Dimension, DistanceMetric Metric, string? Encoder);

    public const string Pending = "pending";

    public static CollectionManifest FromSchema(CollectionSchema schema, IReadOnlySet<Modality>? pending = null) => new(
        [.. schema.Modalities.Select(m => new ModalityEntry(
            m.Modality.Name,
            m.Dimension,
            m.Metric,
            pending is not null && pending.Contains(m.Modality) ? Pending : m.EncoderIdentity?.ToString()))],
        schema.Joint?.Weights.Select(w => KeyValuePair.Create(w.Key.Name, w.Value)).ToArray(),
        schema.Attributes);

    public void Write(string directory)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteStartArray("modalities");
            foreach (ModalityEntry m in Modalities)
            {
                json.WriteStartObject();
                json.WriteString("name", m.Name);
                json.WriteNumber("dimension", m.Dimension);
                json.WriteString("metric", m.Metric.ToString());
                if (m.Encoder is null)
                {
                    json.WriteNull("encoder");
                }
                else
                {
                    json.WriteString("encoder", m.Encoder);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (Joint is null)
            {
                json.WriteNull("joint");
            }
            else
            {
                json.WriteStartObject("joint");
                foreach (var (name, weight) in Joint)
                {
                    json.WriteNumber(name, weight);
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("attributes");
            foreach (AttributeField field in Attributes)
            {
                json.WriteString(field.Name, field.Type.ToString());
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        string path = Path.Combine(directory, FileName);
        DurableFile.ReplaceAtomically(path, path + ".tmp", buffer.ToArray());
    }

    /// <exception cref="FileNotFoundException">The directory has no collection.json.</exception>
    /// <exception cref="CorruptIndexException">The file is not a valid manifest.</exception>
    public static CollectionManifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion)
            {
                throw new CorruptIndexException(path, "format version", $"expected {FormatVersion}, found {root.GetProperty("format")}");
            }

            var modalities = new List<ModalityEntry>();
            foreach (JsonElement m in root.GetProperty("modalities").EnumerateArray())
            {
                modalities.Add(new ModalityEntry(
                    m.GetProperty("name").GetString()!,
                    m.GetProperty("dimension").GetInt32(),
                    Enum.Parse<DistanceMetric>(m.GetProperty("metric").GetString()!),
                    m.GetProperty("encoder").GetString()));
            }

            List<KeyValuePair<string, double>>? joint = null;
            if (root.GetProperty("joint").ValueKind == JsonValueKind.Object)
            {
                joint = [.. root.GetProperty("joint").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble()))];
            }

            var attributes = root.GetProperty("attributes").EnumerateObject()
                .Select(p => new AttributeField(p.Name, Enum.Parse<AttributeType>(p.Value.GetString()!)))
                .ToArray();
            return new CollectionManifest(modalities, joint, attributes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CorruptIndexException(path, "collection manifest", e.Message, e);
        }
    }

    /// <summary>Checks that a schema describes the recorded collection (encoders are compared separately).</summary>
    /// <exception cref="ArgumentException">A modality, dimension, metric, joint weight or attribute field differs.</exception>
    public void ThrowIfIncompatible(CollectionSchema schema, string directory)
    {
        var given = FromSchema(schema);
        string Describe(CollectionManifest m) =>
            string.Join(", ", m.Modalities.Select(x => $"{x.Name}:{x.Dimension}:{x.Metric}")) +
            (m.Joint is null ? string.Empty : "; joint " + string.Join(", ", m.Joint.Select(j => $"{j.Key}={j.Value}"))) +
            "; attributes " + string.Join(", ", m.Attributes.Select(a => $"{a.Name}:{a.Type}"));

        bool same = Modalities.Count == given.Modalities.Count
            && Modalities.Zip(given.Modalities).All(p => p.First.Name == p.Second.Name && p.First.Dimension == p.Second.Dimension && p.First.Metric == p.Second.Metric)
            && (Joint is null) == (given.Joint is null)
            && (Joint is null || Joint.SequenceEqual(given.Joint!))
            && Attributes.SequenceEqual(given.Attributes);
        if (!same)
        {
            throw new ArgumentException(
                $"The schema does not describe the collection at '{directory}'. Stored: {Describe(this)}. Given: {Describe(given)}.", "schema");
        }
    }
}
