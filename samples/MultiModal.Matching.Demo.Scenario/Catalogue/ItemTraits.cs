namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// The hidden attributes an item is generated from. Each modality shows only some of them:
/// the text names the category and material, the image shows the colour, shape and texture,
/// the sound carries the pitch, timbre and rhythm. No single modality identifies an item;
/// together they almost always do.
/// </summary>
/// <param name="Category">Index into <see cref="Vocabulary.Categories"/> (text).</param>
/// <param name="Material">Index into <see cref="Vocabulary.Materials"/> (text).</param>
/// <param name="Colour">Index into <see cref="Vocabulary.Colours"/> (image).</param>
/// <param name="Shape">The drawn shape (image).</param>
/// <param name="Texture">The fill pattern (image).</param>
/// <param name="Pitch">Index into <see cref="Vocabulary.PitchesHz"/> (audio).</param>
/// <param name="Timbre">The harmonic recipe (audio).</param>
/// <param name="Rhythm">The note pattern (audio).</param>
public readonly record struct ItemTraits(
    int Category,
    int Material,
    int Colour,
    Shape Shape,
    Texture Texture,
    int Pitch,
    Timbre Timbre,
    Rhythm Rhythm);

/// <summary>Shapes drawn in item images.</summary>
public enum Shape
{
    /// <summary>A filled disc.</summary>
    Circle,

    /// <summary>An axis-aligned square.</summary>
    Square,

    /// <summary>An upward triangle.</summary>
    Triangle,

    /// <summary>A plus sign.</summary>
    Cross,

    /// <summary>An annulus.</summary>
    Ring,
}

/// <summary>Fill patterns of the drawn shape.</summary>
public enum Texture
{
    /// <summary>One flat colour.</summary>
    Solid,

    /// <summary>Diagonal stripes of the colour and a dark shade of it.</summary>
    Stripes,

    /// <summary>A checkerboard of the colour and a light tint of it.</summary>
    Checker,
}

/// <summary>How a synthesised note sounds.</summary>
public enum Timbre
{
    /// <summary>A pure tone.</summary>
    Sine,

    /// <summary>Odd harmonics (a hollow, clarinet-like tone).</summary>
    Hollow,

    /// <summary>All harmonics falling as 1/n (a bright, sawtooth-like tone).</summary>
    Bright,

    /// <summary>Inharmonic partials with a fast decay (a bell).</summary>
    Bell,
}

/// <summary>The on/off pattern of the notes in a sound.</summary>
public enum Rhythm
{
    /// <summary>One sustained note.</summary>
    Sustained,

    /// <summary>Two even beats.</summary>
    TwoBeats,

    /// <summary>Four quick beats.</summary>
    FourBeats,

    /// <summary>A long note then a short one.</summary>
    LongShort,
}
