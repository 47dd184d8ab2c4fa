namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>
/// Turns byte offsets into lines and columns. Only content in which a secret was found is read a second
/// time for this, up to the last offset asked for, so the scan itself counts nothing per byte.
/// </summary>
internal static class TextPositions
{
    /// <summary>
    /// The line (1-based) and column (1-based, in characters: UTF-8 continuation bytes do not count) of each
    /// offset, given in ascending order.
    /// </summary>
    public static (long Line, long Column)[] Locate(Stream content, IReadOnlyList<long> offsets)
    {
        var positions = new (long, long)[offsets.Count];
        var buffer = new byte[64 * 1024];
        long line = 1, column = 1, offset = 0;
        var next = 0;
        while (next < offsets.Count)
        {
            var read = content.Read(buffer);
            if (read == 0)
                break;
            for (var i = 0; i < read && next < offsets.Count; i++, offset++)
            {
                while (next < offsets.Count && offsets[next] == offset)
                    positions[next++] = (line, column);
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    line++;
                    column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }
        }
        return positions;
    }
}
