//! Embeds every file under the workspace's `data/` folder into the library, so the binary
//! carries its knowledge and needs no files beside it.
use std::{env, fs, path::Path};

fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, root, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "toml" || e == "tsv" || e == "txt")
        {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest)
        .join("../../data")
        .canonicalize()
        .expect("data/ beside crates/");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    let mut code = String::from("/// Files under data/, embedded at build time: (path relative to data/, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for rel in &files {
        println!("cargo:rerun-if-changed={}", root.join(rel).display());
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            root.join(rel).display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, code).unwrap();
}
