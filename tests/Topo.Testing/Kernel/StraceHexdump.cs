using System.Globalization;
using System.Text.RegularExpressions;

namespace Topo.Testing.Kernel;

/// <summary>
/// Reads what <c>strace -e trace=sendmsg -xx -e write=all</c> wrote: each sendmsg call, then for each of its iov buffers
/// a count (<c> * 56 bytes in buffer 0</c>) and a hexdump (<c> | 00000  38 00 00 00 ...  8....... |</c>), gathered
/// into the one datagram the call sent.
/// </summary>
public static partial class StraceHexdump
{
    // The hex columns of a dump line: 16 bytes as "xx " with a second space after the eighth, 48 characters at most.
    private const int HexColumns = 48;

    public static List<byte[]> Datagrams(string trace)
    {
        var datagrams = new List<List<byte>>();
        var (bufferStart, bufferLength) = (0, 0);
        foreach (var line in trace.Split('\n'))
        {
            if (SendmsgCall().IsMatch(line))
            {
                if (datagrams.Count > 0) CheckBufferEnded(datagrams[^1], bufferStart, bufferLength);
                (bufferStart, bufferLength) = (0, 0);
                datagrams.Add([]);
                continue;
            }

            if (BufferCount().Match(line) is { Success: true } count)
            {
                if (datagrams.Count == 0) throw new FormatException($"a buffer before any sendmsg call: {line}");
                CheckBufferEnded(datagrams[^1], bufferStart, bufferLength);
                (bufferStart, bufferLength) = (datagrams[^1].Count, int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture));
                continue;
            }

            if (DumpLine().Match(line) is not { Success: true } dump) continue;
            if (datagrams.Count == 0) throw new FormatException($"a hexdump line before any sendmsg call: {line}");
            var bytes = datagrams[^1];
            var offset = int.Parse(dump.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (offset != bytes.Count - bufferStart) throw new FormatException($"a hexdump line at offset {offset:x5} after {bytes.Count - bufferStart} bytes: {line}");
            var hex = dump.Groups[2].Value;
            bytes.AddRange(hex[..Math.Min(HexColumns, hex.Length)].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        if (datagrams.Count > 0) CheckBufferEnded(datagrams[^1], bufferStart, bufferLength);
        return datagrams.Where(d => d.Count > 0).Select(d => d.ToArray()).ToList();
    }

    // strace dumps a buffer whole or not at all: a short one means the lines were not read as they were written.
    private static void CheckBufferEnded(List<byte> datagram, int start, int length)
    {
        if (datagram.Count > start && datagram.Count - start != length)
            throw new FormatException($"a buffer of {length} bytes dumped as {datagram.Count - start}");
    }

    // With -f and -o, a line starts with the pid of the process that made the call.
    [GeneratedRegex(@"^(?:\d+\s+)?sendmsg\(")]
    private static partial Regex SendmsgCall();

    [GeneratedRegex(@"^(?:\d+\s+)?\s*\* (\d+) bytes in buffer \d+")]
    private static partial Regex BufferCount();

    [GeneratedRegex(@"^(?:\d+\s+)?\s*\| ([0-9a-f]{5})  (.*)$")]
    private static partial Regex DumpLine();
}
