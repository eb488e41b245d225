namespace Topo.Linux.Rtnl;

/// <summary>The indexes of the interfaces that requests name, looked up as the commit writes them.</summary>
public sealed partial class RtnlBatch
{
    // What this batch has looked up, kept in step with the renames and deletions it has written.
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes sure <paramref name="master"/> is there when the requests queued after this are sent, failing
    /// as <see cref="SetMaster"/> would when it is not: a caller queuing several requests for one object
    /// calls this first, so that a missing master sends none of them.
    /// </summary>
    public RtnlBatch ExpectMaster(string name, string master) => Check(MasterContext(name, master), master);

    /// <summary>The indexes of the request's names, or the first name no interface has.</summary>
    private (int[] Indexes, string? Missing) Resolve(Request request)
    {
        var indexes = new int[request.Names.Length];
        for (var k = 0; k < indexes.Length; k++)
        {
            if (request.Names[k] is not { } name) continue;
            if (IndexOf(name) is not { } index) return (indexes, name);
            indexes[k] = index;
        }

        return (indexes, null);
    }

    // One request for the one name, not a dump of every link: in a namespace of hundreds of links
    // (a bridge's ports) a dump per step made a plan quadratic. A name not there yet may be made by a
    // request written before: those are sent first (a round trip more) and the name looked up again.
    private int? IndexOf(string name)
    {
        if (_indexes.TryGetValue(name, out var index)) return index;
        if (_client.IndexOf(name) is not { } found)
        {
            if (_batch.Unsent == 0) return null;
            Send();
            if (_client.IndexOf(name) is not { } made) return null;
            found = made;
        }

        _indexes[name] = found;
        return found;
    }
}
