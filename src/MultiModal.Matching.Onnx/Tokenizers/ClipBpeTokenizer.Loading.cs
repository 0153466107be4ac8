using System.IO.Compression;
using System.Text.Json;

namespace MultiModal.Matching.Onnx.Tokenizers;

public sealed partial class ClipBpeTokenizer
{
    /// <summary>The number of merges CLIP uses from bpe_simple_vocab_16e6.txt.gz (49152 - 256 - 2).</summary>
    internal const int ClipMergeCount = 49152 - 256 - 2;

    /// <summary>
    /// Loads OpenAI's <c>bpe_simple_vocab_16e6.txt.gz</c> (a header line, then one merge "a b" per line) and builds
    /// the vocabulary as simple_tokenizer.py does: the 256 byte characters, the same with <c>&lt;/w&gt;</c>, one
    /// token per merge (the first 48,894), then the start and end tokens.
    /// </summary>
    /// <param name="path">The .txt.gz file (or an uncompressed .txt).</param>
    /// <param name="contextLength">The fixed context length; 77 for CLIP.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a CLIP merges list.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contextLength"/> is below 2.</exception>
    public static ClipBpeTokenizer FromBpeMerges(string path, int contextLength = 77)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        using FileStream file = File.OpenRead(path);
        using Stream text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(text, System.Text.Encoding.UTF8);
        reader.ReadLine(); // version header
        var merges = new List<(string, string)>(ClipMergeCount);
        while (merges.Count < ClipMergeCount && reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space == line.Length - 1)
            {
                throw new InvalidDataException($"'{path}' line {merges.Count + 2} is not a merge 'a b': '{line}'.");
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        if (merges.Count != ClipMergeCount)
        {
            throw new InvalidDataException($"'{path}' holds {merges.Count} merges; CLIP needs {ClipMergeCount}.");
        }

        var tokens = new List<string>(512 + merges.Count + 2);
        foreach (byte b in ByteLevelAlphabet.VocabularyOrder)
        {
            tokens.Add(ByteLevelAlphabet.ByteToChar[b].ToString());
        }

        foreach (byte b in ByteLevelAlphabet.VocabularyOrder)
        {
            tokens.Add(ByteLevelAlphabet.ByteToChar[b] + "</w>");
        }

        foreach ((string left, string right) in merges)
        {
            tokens.Add(left + right);
        }

        tokens.Add("<|startoftext|>");
        tokens.Add("<|endoftext|>");
        return new ClipBpeTokenizer([.. tokens], merges, contextLength);
    }

    /// <summary>Loads a Hugging Face <c>tokenizer.json</c> of a CLIP BPE model (its <c>model.vocab</c> and <c>model.merges</c>).</summary>
    /// <param name="path">The tokenizer.json file.</param>
    /// <param name="contextLength">The fixed context length; 77 for CLIP.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a BPE tokenizer.json with CLIP's tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contextLength"/> is below 2.</exception>
    public static ClipBpeTokenizer FromTokenizerJson(string path, int contextLength = 77)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        using FileStream file = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(file);
        if (!document.RootElement.TryGetProperty("model", out JsonElement model)
            || !model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object
            || !model.TryGetProperty("merges", out JsonElement mergeList) || mergeList.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{path}' has no model.vocab object and model.merges array.");
        }

        var byId = new SortedDictionary<int, string>();
        foreach (JsonProperty entry in vocab.EnumerateObject())
        {
            byId[entry.Value.GetInt32()] = entry.Name;
        }

        if (document.RootElement.TryGetProperty("added_tokens", out JsonElement added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement token in added.EnumerateArray())
            {
                byId[token.GetProperty("id").GetInt32()] = token.GetProperty("content").GetString()!;
            }
        }

        if (byId.Count == 0 || byId.Keys.First() != 0 || byId.Keys.Last() != byId.Count - 1)
        {
            throw new InvalidDataException($"'{path}' vocabulary ids are not 0..{byId.Count - 1}.");
        }

        var merges = new List<(string, string)>(mergeList.GetArrayLength());
        foreach (JsonElement merge in mergeList.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                merges.Add((merge[0].GetString()!, merge[1].GetString()!));
                continue;
            }

            string text = merge.GetString() ?? string.Empty;
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                throw new InvalidDataException($"'{path}' has a malformed merge '{text}'.");
            }

            merges.Add((text[..space], text[(space + 1)..]));
        }

        return new ClipBpeTokenizer([.. byId.Values], merges, contextLength);
    }
}
