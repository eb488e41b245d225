using Xunit.Sdk;

namespace Topo.Testing.Kernel;

/// <summary>The assertion of the wire witness tests: topo's request is the one ip sends for the same command.</summary>
public static class WireAssert
{
    /// <summary>
    /// Finds the one request of <paramref name="schema"/>'s type on each side (ip may look a parent up first, topo its
    /// indexes) and fails with the differences, and both trees, when they are not the same request.
    /// </summary>
    public static void SameRequest(RequestSchema schema, IReadOnlyList<byte[]> topoMessages, StraceCapture ip)
    {
        var topo = NetlinkRequest.Decode(OneOf(schema, topoMessages, "topo", ""), schema);
        var theirs = NetlinkRequest.Decode(OneOf(schema, ip.Messages, "ip", $" (ip exited {ip.ExitCode}: {ip.Stderr.Trim()})"), schema);
        var differences = RequestDiff.Between(topo, theirs, schema);
        if (differences.Count == 0) return;
        throw new XunitException(
            $"topo's {schema.Name} is not the one `{ip.Command}` sends (sequence and port id not compared):\n  " +
            string.Join("\n  ", differences) + $"\n\ntopo sent:\n{topo.Render(schema)}\nip sent:\n{theirs.Render(schema)}");
    }

    private static byte[] OneOf(RequestSchema schema, IReadOnlyList<byte[]> messages, string who, string why)
    {
        var matching = messages.Where(m => NetlinkRequest.TypeOf(m) == schema.Type).ToList();
        return matching.Count == 1
            ? matching[0]
            : throw new XunitException($"{who} sent {matching.Count} {schema.Name} requests, not one, among {messages.Count} messages" +
                                       $" (types {string.Join(", ", messages.Select(NetlinkRequest.TypeOf))}){why}");
    }
}
