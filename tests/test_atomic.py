"""kg.atomic: a target is the old version or the whole new one, never half, never a leftover."""

import multiprocessing
import os

import pytest

from kg.atomic import atomic_directory, atomic_file


def test_file_replaced_only_when_complete(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write("half")
        raise RuntimeError("crash mid-write")
    assert target.read_text(encoding="utf-8") == "old\n"
    with atomic_file(target) as handle:
        handle.write("new\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # not visible before the end
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert os.stat(target).st_mode & 0o777 == 0o666 & ~_umask()


def test_binary_mode_and_bad_mode(tmp_path):
    with atomic_file(tmp_path / "a" / "b.bin", "wb", fsync=True) as handle:
        handle.write(b"\x00\x01")
    assert (tmp_path / "a" / "b.bin").read_bytes() == b"\x00\x01"
    with pytest.raises(ValueError, match="mode"), atomic_file(tmp_path / "x", "a"):
        pass


def test_directory_kept_when_another_writer_finished_first(tmp_path):
    target = tmp_path / "index"
    with atomic_directory(target) as first:
        (first / "data").write_text("first", encoding="utf-8")
        with atomic_directory(target) as second:  # a concurrent writer that finishes earlier
            (second / "data").write_text("second", encoding="utf-8")
    assert (target / "data").read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_directory_removed_on_failure(tmp_path):
    with pytest.raises(KeyboardInterrupt), atomic_directory(tmp_path / "index") as folder:
        (folder / "data").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def _publish(args: tuple[str, int]) -> str:
    folder, number = args
    with atomic_directory(folder) as temporary:
        for part in range(20):
            (temporary / f"part{part}").write_text(str(number) * 1000, encoding="utf-8")
    return sorted(os.listdir(folder))[0]


def test_racing_processes_publish_one_whole_folder(tmp_path):
    target = tmp_path / "index"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        firsts = pool.map(_publish, [(str(target), n) for n in range(8)])
    assert firsts == ["part0"] * 8
    contents = {p.read_text(encoding="utf-8") for p in target.iterdir()}
    assert len(contents) == 1 and len(next(iter(contents))) == 1000  # one writer's, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
