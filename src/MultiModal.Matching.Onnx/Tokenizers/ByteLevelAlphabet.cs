namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>
/// GPT-2/CLIP's reversible byte-to-unicode map: printable Latin-1 bytes map to themselves, the other 68 bytes
/// to U+0100 onwards, so every byte sequence becomes a string of visible characters.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>The character for each byte value.</summary>
    public static readonly char[] ByteToChar = Build(out s_order);

    private static readonly byte[] s_order;

    /// <summary>The bytes in the order CLIP's vocabulary lists their characters (ids 0..255).</summary>
    public static ReadOnlySpan<byte> VocabularyOrder => s_order;

    private static char[] Build(out byte[] order)
    {
        var map = new char[256];
        order = new byte[256];
        int next = 0;
        bool[] direct = new bool[256];
        for (int b = '!'; b <= '~'; b++) { direct[b] = true; }
        for (int b = 0xA1; b <= 0xAC; b++) { direct[b] = true; }
        for (int b = 0xAE; b <= 0xFF; b++) { direct[b] = true; }

        for (int b = 0; b < 256; b++)
        {
            if (direct[b])
            {
                map[b] = (char)b;
                order[next++] = (byte)b;
            }
        }

        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!direct[b])
            {
                map[b] = (char)(256 + extra++);
                order[next++] = (byte)b;
            }
        }

        return map;
    }
}
