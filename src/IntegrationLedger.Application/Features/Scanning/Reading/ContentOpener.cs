using System.Formats.Tar;
using System.IO.Compression;

namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>Opens a content again from its <see cref="ContentPath"/>: the file, then each archive step down to the member.</summary>
internal static class ContentOpener
{
    public static T With<T>(ContentPath place, Func<Stream, T> read)
    {
        using var file = ContentReader.OpenFile(place.FullPath);
        return Step(file, place, 0, read);
    }

    private static T Step<T>(Stream stream, ContentPath place, int depth, Func<Stream, T> read)
    {
        if (depth == place.Steps.Count)
            return read(stream);
        var step = place.Steps[depth];
        switch (step.Format)
        {
            case ArchiveFormat.Gzip:
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
                return Step(gzip, place, depth + 1, read);
            }
            case ArchiveFormat.Zip:
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                using var member = zip.Entries[step.Entry].Open();
                return Step(member, place, depth + 1, read);
            }
            default:
            {
                using var tar = new TarReader(stream, leaveOpen: true);
                for (var entry = 0; ; entry++)
                {
                    var next = tar.GetNextEntry() ?? throw new InvalidDataException($"The archive no longer has member {step.Member}.");
                    if (entry == step.Entry)
                        return Step(next.DataStream ?? Stream.Null, place, depth + 1, read);
                }
            }
        }
    }
}
