using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Execute;

/// <summary>Makes and changes bridges, veth pairs and macvlans, each interface marked as the lab's by its alias.</summary>
internal sealed class LinkSteps(string mark, NamespacePool pool)
{
    // Master first: hairpin is a setting of the bridge port, which the interface becomes only then.
    private static readonly string[] SettingOrder = ["master", "mtu", "mac", "hairpin", "up"];

    public void CreateBridge(BridgeResource bridge)
    {
        var d = bridge.Device;
        pool.In(d.Namespace).Client.Apply(b => b.CreateBridge(d.Name, new LinkOptions(d.Mtu, d.Mac, mark, d.Master, d.Up ?? false)));
    }

    /// <summary>
    /// One request makes the pair with both ends in their namespaces and names. The kernel takes no
    /// alias in a creating request and cannot bring a peer up while the pair is made, so the rest
    /// follows: in the same batch for an end that stays where the pair is made, through its own
    /// namespace's client for an end placed elsewhere.
    /// </summary>
    public void CreateVeth(VethResource veth)
    {
        pool.In(MadeIn(veth)).Client.Apply(b => QueueVeth(b, veth));
        foreach (var end in PlacedEnds(veth)) pool.In(end.Namespace).Client.Apply(b => Finish(b, end));
    }

    /// <summary>
    /// Made in its parent's namespace, where the parent has an index, and placed straight in its own;
    /// then marked and brought up in the same batch when it stays there, else through its own namespace's client.
    /// </summary>
    public void CreateMacvlan(MacvlanResource macvlan)
    {
        var d = macvlan.Device;
        var parent = macvlan.Parent ?? throw new ArgumentException($"{macvlan.Describe()} has no parent to make it on");
        var placed = d.Namespace != parent.Namespace;
        var mode = MacvlanModes.ValueOf(macvlan.Mode ?? MacvlanResource.BridgeMode);
        pool.In(parent.Namespace).Client.Apply(b =>
        {
            b.CreateMacvlan(d.Name, parent.Name, placed ? pool.In(d.Namespace).Handle : null, mode, new LinkOptions(d.Mtu, d.Mac));
            if (!placed) Finish(b, d);
        });
        if (placed) pool.In(d.Namespace).Client.Apply(b => Finish(b, d));
    }

    /// <summary>
    /// Where the pair is made: beside an end that stays there and is marked in the same datagram, so
    /// that a kill never leaves a pair the lab cannot tell is its own. The host when an end is there,
    /// else an attached namespace's end; a pair between two of the lab's namespaces is made from the host
    /// (its namespaces make it the lab's, marked or not).
    /// </summary>
    public static string MadeIn(VethResource veth) =>
        veth.A.Namespace.Length == 0 || veth.B.Namespace.Length == 0 ? Netns.Host
        : Netns.IsAttached(veth.A.Namespace) ? veth.A.Namespace
        : Netns.IsAttached(veth.B.Namespace) ? veth.B.Namespace
        : Netns.Host;

    /// <summary>
    /// The half of <see cref="CreateVeth"/> in the batch of <see cref="MadeIn"/>'s namespace: the pair, and the
    /// finish of the ends that stay there.
    /// </summary>
    public void QueueVeth(RtnlBatch here, VethResource veth)
    {
        var ns = MadeIn(veth);
        var stay = new[] { veth.A, veth.B }.Where(e => e.Namespace == ns).ToList();
        // A batch of many pairs is sent whole: a missing master must fail the step before its pair is queued.
        foreach (var end in stay.Where(e => e.Master is not null)) here.ExpectMaster(end.Name, end.Master!);
        var (first, second) = veth.A.Namespace == ns ? (veth.A, veth.B) : (veth.B, veth.A);
        here.CreateVeth(Placed(first, ns), Placed(second, ns));
        foreach (var end in stay) Finish(here, end);
    }

    /// <summary>The ends placed away from where the pair is made, which their own namespace's client finishes once the pair is made.</summary>
    public static IEnumerable<LinkEnd> PlacedEnds(VethResource veth) => new[] { veth.A, veth.B }.Where(e => e.Namespace != MadeIn(veth));

    /// <summary>A bridge's or a macvlan's changed settings, on the device itself.</summary>
    public void UpdateDevice(LinkEnd device, ImmutableArray<AttrChange> changes) =>
        Update(device, changes.Select(c => (c.Name, c.New)));

    /// <summary>Each changed <c>a.*</c> or <c>b.*</c> attribute, set on that end through its namespace.</summary>
    public void UpdateVeth(VethResource veth, ImmutableArray<AttrChange> changes)
    {
        foreach (var (prefix, end) in new[] { ("a.", veth.A), ("b.", veth.B) })
        {
            var mine = changes.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(c => (c.Name[prefix.Length..], c.New)).ToList();
            if (mine.Count > 0) Update(end, mine);
        }

        if (changes.FirstOrDefault(c => !c.Name.StartsWith("a.", StringComparison.Ordinal) && !c.Name.StartsWith("b.", StringComparison.Ordinal)) is { } other)
            throw new ArgumentException($"attribute '{other.Name}' of a veth pair cannot be changed in place");
    }

    public void Delete(LinkEnd device)
    {
        try
        {
            pool.In(device.Namespace).Client.Apply(b => b.Delete(device.Name));
        }
        catch (KernelException e) when (e.Errno == Errors.ENODEV)
        {
            // Gone between the read and now: a veth whose peer was in a namespace that died meanwhile
            // (an attached container that exited) goes when the kernel frees that namespace. Gone is what the step wants.
        }
    }

    /// <summary>
    /// Marks the end as the lab's and sets its master, hairpin and up, in the batch of the end's namespace.
    /// The mark goes in the datagram of the request before it: right after a creation, that one's.
    /// </summary>
    public void Finish(RtnlBatch b, LinkEnd end)
    {
        b.WithPrevious().SetAlias(end.Name, mark);
        if (end.Master is { } master) b.SetMaster(end.Name, master);
        if (end.Hairpin == true) b.SetHairpin(end.Name, true);
        if (end.Up == true) b.SetUp(end.Name, true);
    }

    private VethEnd Placed(LinkEnd end, string madeIn) =>
        new(end.Name, end.Namespace == madeIn ? null : pool.In(end.Namespace).Handle, new LinkOptions(end.Mtu, end.Mac));

    private void Update(LinkEnd device, IEnumerable<(string Name, string? Value)> settings) =>
        pool.In(device.Namespace).Client.Apply(b =>
        {
            foreach (var (name, value) in settings.OrderBy(s => Array.IndexOf(SettingOrder, s.Name)))
            {
                Set(b, device.Name, name, value ?? throw new ArgumentException($"no new value for '{name}' of {device.Display}"));
            }
        });

    private void Set(RtnlBatch batch, string device, string setting, string value)
    {
        switch (setting)
        {
            case "marked": batch.SetAlias(device, mark); break;
            case "master": batch.SetMaster(device, value); break;
            case "mtu": batch.SetMtu(device, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "mac": batch.SetMac(device, value); break;
            case "hairpin": batch.SetHairpin(device, bool.Parse(value)); break;
            case "up": batch.SetUp(device, bool.Parse(value)); break;
            default: throw new ArgumentException($"attribute '{setting}' of '{device}' cannot be changed in place");
        }
    }
}
