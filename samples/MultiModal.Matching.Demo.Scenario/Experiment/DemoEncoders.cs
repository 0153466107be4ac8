using MultiModal.Matching.Demo.Scenario.Catalogue;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Encoders;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>The three encoders the scenario's collection is built with.</summary>
/// <param name="Text">Encodes descriptions.</param>
/// <param name="Image">Encodes pictures.</param>
/// <param name="Audio">Encodes sounds.</param>
public sealed record DemoEncoders(IEncoder<string> Text, IEncoder<RasterImage> Image, IEncoder<AudioClip> Audio)
{
    /// <summary>How many catalogue items the text IDF and the audio standardisation are fitted on.</summary>
    public const int FitSample = 400;

    /// <summary>
    /// The model-free built-in encoders of MultiModal.Matching.Media: hashed word and character n-grams with IDF for
    /// text, colour and gradient histograms for images, MFCC statistics for audio. The IDF and the audio
    /// standardisation are fitted on the first <see cref="FitSample"/> catalogue items, so the same catalogue always
    /// gives the same encoders (and the same encoder identities, which the collection checks when it is reopened).
    /// </summary>
    /// <param name="items">The catalogue.</param>
    /// <returns>The encoders.</returns>
    public static DemoEncoders CreateBuiltIn(IReadOnlyList<CatalogueItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        IEnumerable<CatalogueItem> sample = items.Take(FitSample);
        var text = HashedTextEncoder.Fit(
            sample.Where(i => i.Text is not null).Select(i => i.Text!).ToArray(),
            new HashedTextEncoderOptions { Dimension = 512 });
        var image = new ClassicImageEncoder(new ClassicImageEncoderOptions { WorkingSize = ImageRenderer.Size });
        var audio = MfccAudioEncoder.Fit(sample.Where(i => i.Sound is not null).Select(i => ScenarioRunner.ToClip(i.Sound!)).ToArray());
        return new DemoEncoders(text, image, audio);
    }
}
