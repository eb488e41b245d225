using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Turns each check into the namespace to run it in and the address, protocol and port to try.
/// A node means its first address by link order (a node on the host network, the host's; an
/// attached node is run in and reached at its attached namespace); <c>host</c> means, from a node, the host's
/// address in a subnet that node is on (its way to the host), else the first address the lab
/// puts in the host; from the host itself, 127.0.0.1 (::1).
/// A name is reached over IPv4 when it has an IPv4 address, as <c>ping box2</c> does in a dual-stack Docker
/// network (glibc ranks IPv4 above unique-local IPv6); <c>family: 6</c> picks its IPv6 address, as <c>ping -6</c>.
/// </summary>
internal static class CheckResolver
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    public static ImmutableArray<ResolvedCheck> Resolve(LabFile file, LabNames names, LabInterfaces interfaces, AddressPlan plan, Problems problems)
    {
        var result = ImmutableArray.CreateBuilder<ResolvedCheck>();
        for (var i = 0; i < file.Checks.Length; i++)
        {
            var check = file.Checks[i];
            var path = $"checks[{i}]";
            var from = From(check.From, names, path, problems);
            var expect = Expect(check.Expect, path, problems);
            var timeout = Timeout(check.Timeout, path, problems);
            var family = Family(check, path, problems, out var familyOk);
            var target = familyOk ? Target(check, from, family, names, interfaces, plan, path, problems) : null;
            var protocol = target is null ? null : Protocol(check, target.Value.Port, path, problems);
            var named = CheckNaming.Read(check, from, names, path, problems, out var byName);
            if (from is null || expect is null || timeout is null || target is null || protocol is null || !named) continue;
            result.Add(new ResolvedCheck(from.Value, check.From.Value, check.To.Value, target.Value.Address, protocol, target.Value.Port,
                expect == "reach", timeout.Value, expect == "refused", check.StandIn?.Value ?? true) { ByName = byName });
        }

        return result.ToImmutable();
    }

    private static Netns? From(Located<string> from, LabNames names, string path, Problems problems)
    {
        if (from.Value == NameRules.Host) return Netns.Host;
        if (names.NodeByName.ContainsKey(from.Value)) return names.NsOf(from.Value);
        problems.Add(from.Mark, $"{path}.from", $"'{from.Value}' names no node (from is a node or 'host'; nodes: {names.NodeList})");
        return null;
    }

    /// <summary><c>family: 4|6</c>; null when the file leaves it out (false in <paramref name="ok"/> after reporting a bad one).</summary>
    private static bool? Family(CheckSpec check, string path, Problems problems, out bool ok)
    {
        ok = true;
        if (check.Family is not { } family) return null;
        if (family.Value is "4" or "6") return family.Value == "6";
        problems.Add(family.Mark, $"{path}.family", $"family '{family.Value}' must be 4 or 6 (which of the target's addresses to try; an address in to says its own)");
        ok = false;
        return null;
    }

    private static string? Expect(Located<string> expect, string path, Problems problems)
    {
        if (expect.Value is "reach" or "no-reach" or "refused") return expect.Value;
        problems.Add(expect.Mark, $"{path}.expect", $"expect '{expect.Value}' must be reach, no-reach or refused");
        return null;
    }

    private static TimeSpan? Timeout(Located<string>? written, string path, Problems problems)
    {
        if (written is null) return DefaultTimeout;
        var text = written.Value;
        if (Duration.Parse(text) is { } span && span <= MaxTimeout) return span;
        problems.Add(written.Mark, $"{path}.timeout", $"timeout '{text}' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s");
        return null;
    }

    private static string? Protocol(CheckSpec check, int? port, string path, Problems problems)
    {
        if (check.Proto is not { } proto) return port is null ? "icmp" : "tcp";
        var where = $"{path}.proto";
        if (proto.Value is not ("icmp" or "tcp" or "udp"))
            problems.Add(proto.Mark, where, $"proto '{proto.Value}' must be icmp, tcp or udp");
        else if (proto.Value == "icmp" && port is not null)
            problems.Add(proto.Mark, where, $"proto icmp takes no port; drop ':{port}' from to, or use tcp or udp");
        else if (proto.Value != "icmp" && port is null)
            problems.Add(proto.Mark, where, $"proto {proto.Value} needs a port in to (e.g. '{check.To.Value}:80')");
        else
            return proto.Value;
        return null;
    }

    private static (string Address, int? Port)? Target(
        CheckSpec check, Netns? from, bool? v6, LabNames names, LabInterfaces interfaces, AddressPlan plan, string path, Problems problems)
    {
        var to = check.To;
        var where = $"{path}.to";
        if (CheckTarget.Parse(to.Value) is not { } target)
        {
            problems.Add(to.Mark, where, $"'{to.Value}' is not a check target (a node, NODE:IFNAME, host, or an address, optionally with :PORT)");
            return null;
        }

        int? port = null;
        if (target.PortText is { } portText)
        {
            port = portText.Length <= 5 ? int.Parse(portText, CultureInfo.InvariantCulture) : 0;
            if (port is < 1 or > 65535)
            {
                problems.Add(to.Mark, where, $"port '{portText}' must be a number from 1 to 65535");
                return null;
            }
        }

        if (target.Address is { } literal && v6 is { } wanted && literal.IsV6 != wanted)
        {
            problems.Add(check.Family!.Mark, $"{path}.family", $"family {(wanted ? 6 : 4)} but {literal} is an {literal.Family} address; leave family out, the address says its own");
            return null;
        }

        var (address, error) = target.Address is { } ip ? (ip.ToString(), null) : Named(target, from, v6, names, interfaces, plan);
        if (address is not null) return (address, port);
        problems.Add(to.Mark, where, error!);
        return null;
    }

    private static (string? Address, string? Error) Named(CheckTarget target, Netns? from, bool? v6, LabNames names, LabInterfaces interfaces, AddressPlan plan)
    {
        var name = target.Name!;
        if (name != NameRules.Host && !names.NodeByName.ContainsKey(name))
            return (null, $"'{name}' names no node (to is a node, NODE:IFNAME, host, or an address; nodes: {names.NodeList})");
        var ns = name == NameRules.Host ? Netns.Host : names.NsOf(name);

        if (target.Interface is { } ifname)
        {
            if (!interfaces.Has(ns, ifname))
                return (null, $"'{ifname}' names no interface of {ns.Display} (interfaces: {interfaces.ListIn(ns)})");
            var onInterface = Preferred(plan.In(ns).Where(a => a.Device == ifname), v6);
            return onInterface is null
                ? (null, $"interface '{ifname}' of {ns.Display} has no {Of(v6)}address to reach")
                : (onInterface.Cidr.Address.ToString(), null);
        }

        // A node on the host network is reached at its first address, as any node; 'host' by the way toward it.
        var found = name == NameRules.Host ? HostAddress(from, v6, plan) : NodeAddress(ns, v6, names, plan);
        return found is null ? (null, $"{ns.Display} has no {Of(v6)}address for a check to reach (give it one on a link)") : (found, null);
    }

    private static string Of(bool? v6) => v6 switch { true => "IPv6 ", false => "IPv4 ", null => "" };

    /// <summary>The first address of the family asked for; with none asked, the first IPv4 one, else the first.</summary>
    private static PlannedAddress? Preferred(IEnumerable<PlannedAddress> addresses, bool? v6)
    {
        var list = addresses.ToList();
        return v6 is { } wanted ? list.FirstOrDefault(a => a.Cidr.Address.IsV6 == wanted) : list.FirstOrDefault(a => !a.Cidr.Address.IsV6) ?? list.FirstOrDefault();
    }

    /// <summary>Link addresses come after bridge addresses in the plan; a node is reached by its links first.</summary>
    private static string? NodeAddress(Netns ns, bool? v6, LabNames names, AddressPlan plan)
    {
        var addresses = plan.In(ns).ToList();
        var first = Preferred(addresses.Where(a => !(names.BridgeByName.TryGetValue(a.Device, out var b) && b.Ns == ns)), v6) ?? Preferred(addresses, v6);
        return first?.Cidr.Address.ToString();
    }

    private static string? HostAddress(Netns? from, bool? v6, AddressPlan plan)
    {
        if (from is { IsHost: true }) return v6 == true ? "::1" : "127.0.0.1";
        var host = plan.In(Netns.Host).ToList();
        var mine = from is null ? [] : plan.In(from.Value).ToList();
        var toward = Preferred(host.Where(h => mine.Any(m => h.Cidr.Network.Contains(m.Cidr.Address))), v6);
        return (toward ?? Preferred(host, v6))?.Cidr.Address.ToString();
    }
}
