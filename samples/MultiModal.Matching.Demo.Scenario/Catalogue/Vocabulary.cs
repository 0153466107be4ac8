namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>The words, colours and pitches the catalogue is made of.</summary>
public static class Vocabulary
{
    /// <summary>Product categories; the first word is the catalogue's, the rest are paraphrases.</summary>
    public static IReadOnlyList<string[]> Categories { get; } =
    [
        ["chair", "seat", "armchair"],
        ["lamp", "light", "lantern"],
        ["vase", "urn", "flowerpot"],
        ["clock", "timepiece", "timer"],
        ["kettle", "boiler", "samovar"],
        ["bottle", "flask", "flagon"],
        ["basket", "hamper", "crate"],
        ["candle", "taper", "candlestick"],
        ["mirror", "looking-glass", "reflector"],
        ["bowl", "dish", "basin"],
    ];

    /// <summary>Materials; the first word is the catalogue's, the rest are paraphrases.</summary>
    public static IReadOnlyList<string[]> Materials { get; } =
    [
        ["wooden", "timber", "oak"],
        ["metal", "steel", "iron"],
        ["glass", "crystal", "glassy"],
        ["ceramic", "porcelain", "clay"],
        ["plastic", "acrylic", "polymer"],
        ["woven", "wicker", "rattan"],
    ];

    /// <summary>Style words that vary between items of the same kind (noise for the text signal).</summary>
    public static IReadOnlyList<string> Styles { get; } =
        ["vintage", "modern", "rustic", "minimalist", "classic", "elegant", "compact", "sturdy"];

    /// <summary>Closing phrases of descriptions (noise for the text signal).</summary>
    public static IReadOnlyList<string> Endings { get; } =
    [
        "for the living room", "for the kitchen", "for everyday use", "with a smooth finish",
        "made to last", "for small spaces", "that suits any home", "as a thoughtful gift",
    ];

    /// <summary>Colour names and their RGB values; only images show colour.</summary>
    public static IReadOnlyList<(string Name, byte R, byte G, byte B)> Colours { get; } =
    [
        ("red", 210, 40, 40),
        ("orange", 235, 140, 30),
        ("yellow", 230, 210, 40),
        ("green", 50, 160, 60),
        ("teal", 30, 150, 150),
        ("blue", 40, 80, 200),
        ("purple", 130, 50, 170),
        ("pink", 235, 120, 170),
    ];

    /// <summary>Fundamental frequencies (Hz), three semitones apart.</summary>
    public static IReadOnlyList<double> PitchesHz { get; } =
        [220.0, 261.6, 311.1, 370.0, 440.0, 523.3, 622.3, 740.0];
}
