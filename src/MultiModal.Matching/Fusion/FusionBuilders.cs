using System.Globalization;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>Helpers shared by the strategies' builder methods.</summary>
internal static class FusionBuilders
{
    public static FusionSettings WithBuiltInWeights(FusionSettings settings, double? text, double? image, double? audio, double? tabular)
    {
        if (text is { } t)
        {
            settings = settings.WithWeight(Modality.Text, (float)t);
        }

        if (image is { } i)
        {
            settings = settings.WithWeight(Modality.Image, (float)i);
        }

        if (audio is { } a)
        {
            settings = settings.WithWeight(Modality.Audio, (float)a);
        }

        if (tabular is { } b)
        {
            settings = settings.WithWeight(Modality.Tabular, (float)b);
        }

        return settings;
    }

    public static string Describe(FusionSettings settings) =>
        settings.Weights.Count == 0
            ? string.Empty
            : ", weights " + string.Join(' ', settings.Weights.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:G3}")));
}
