namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>Receives the words of a basic tokenisation pass (a struct, so the JIT specialises the loop).</summary>
internal interface IWordSink
{
    /// <summary>One word.</summary>
    /// <param name="word">The word's characters (valid only during the call).</param>
    void Word(ReadOnlySpan<char> word);
}
