//! Illustrations for the demo articles, drawn as SVG in code.
//!
//! Each figure names a [`Scene`]; the picture is composed from simple layers
//! (sky, ridges, water, fields, buildings, boats, lanterns...) whose palette,
//! time of day and placement come from a hash of the article slug and the
//! figure number. The same inputs always give the same bytes, so images can be
//! cached and tested, and no external asset is needed.

use crate::rng::SplitMix64 as Rng;
use loa_domain::hash::fnv1a64 as fnv1a;
use std::fmt::Write; // stable across builds, so pictures never change

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 675;
const W: f64 = WIDTH as f64;
const H: f64 = HEIGHT as f64;

/// What a figure shows. The keyword is what article files write after `image=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scene {
    Citadel,
    Village,
    Harbour,
    Lanterns,
    City,
    Orchard,
    School,
    RiversideSchool,
    FloatingMarket,
    Temple,
    Delta,
    Karst,
    Bridge,
    Ponds,
    Terraces,
    Port,
    Coast,
    Coffee,
    Hall,
    Clinic,
    BoatRace,
}

impl Scene {
    pub const ALL: [Scene; 21] = [
        Scene::Citadel,
        Scene::Village,
        Scene::Harbour,
        Scene::Lanterns,
        Scene::City,
        Scene::Orchard,
        Scene::School,
        Scene::RiversideSchool,
        Scene::FloatingMarket,
        Scene::Temple,
        Scene::Delta,
        Scene::Karst,
        Scene::Bridge,
        Scene::Ponds,
        Scene::Terraces,
        Scene::Port,
        Scene::Coast,
        Scene::Coffee,
        Scene::Hall,
        Scene::Clinic,
        Scene::BoatRace,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Scene::Citadel => "citadel",
            Scene::Village => "village",
            Scene::Harbour => "harbour",
            Scene::Lanterns => "lanterns",
            Scene::City => "city",
            Scene::Orchard => "orchard",
            Scene::School => "school",
            Scene::RiversideSchool => "riverside-school",
            Scene::FloatingMarket => "floating-market",
            Scene::Temple => "temple",
            Scene::Delta => "delta",
            Scene::Karst => "karst",
            Scene::Bridge => "bridge",
            Scene::Ponds => "ponds",
            Scene::Terraces => "terraces",
            Scene::Port => "port",
            Scene::Coast => "coast",
            Scene::Coffee => "coffee",
            Scene::Hall => "hall",
            Scene::Clinic => "clinic",
            Scene::BoatRace => "boat-race",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<Scene> {
        Scene::ALL.into_iter().find(|s| s.keyword() == keyword)
    }
}

/// Draws `scene` for figure `index` of the article `slug`. `description`
/// becomes the SVG's accessible `<title>`.
pub fn render(scene: Scene, slug: &str, index: usize, description: &str) -> String {
    let mut rng = Rng::new(fnv1a(slug.as_bytes()) ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let tod = match scene {
        Scene::Lanterns => Tod::Night,
        Scene::FloatingMarket => Tod::Dawn,
        Scene::City => *rng.pick(&[Tod::Day, Tod::Dusk, Tod::Night]),
        Scene::Harbour | Scene::Coast | Scene::Delta | Scene::Bridge | Scene::BoatRace => {
            *rng.pick(&[Tod::Day, Tod::Day, Tod::Dawn, Tod::Dusk])
        }
        _ => *rng.pick(&[Tod::Day, Tod::Day, Tod::Dawn]),
    };
    let pal = Palette::new(tod, &mut rng);
    let mut c = Canvas { out: String::with_capacity(24_000), next_id: 0 };
    let _ = write!(
        c.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\"><title>{}</title>",
        escape(description)
    );
    sky(&mut c, &pal, &mut rng, tod);
    match scene {
        Scene::Citadel => {
            ridge(&mut c, 380.0, 90.0, &pal.far, &mut rng, false);
            ground(&mut c, 455.0, &pal.grass);
            citadel(&mut c, &pal, &mut rng);
            water(&mut c, 560.0, &pal, &mut rng);
            lotus(&mut c, &mut rng, 560.0);
        }
        Scene::Village => {
            ridge(&mut c, 360.0, 110.0, &pal.far, &mut rng, true);
            ridge(&mut c, 410.0, 60.0, &pal.near, &mut rng, false);
            fields(&mut c, 440.0, &pal, &mut rng);
            let n = rng.int(5, 7);
            for i in 0..n {
                let x = 60.0 + i as f64 * (1080.0 / n as f64) + rng.range(0.0, 40.0);
                let colour = rng.pick(&WALLS).to_string();
                house(
                    &mut c,
                    x,
                    520.0 + rng.range(-10.0, 10.0),
                    rng.range(110.0, 150.0),
                    rng.range(70.0, 95.0),
                    &colour,
                    &pal.roof,
                );
            }
            for _ in 0..4 {
                palm(&mut c, rng.range(20.0, 1180.0), rng.range(560.0, 640.0), rng.range(120.0, 180.0), &pal.leaf);
            }
        }
        Scene::Harbour => {
            ridge(&mut c, 350.0, 120.0, &pal.far, &mut rng, true);
            water(&mut c, 380.0, &pal, &mut rng);
            breakwater(&mut c, &mut rng);
            for i in 0..rng.int(4, 6) {
                let x = 160.0 + i as f64 * 190.0 + rng.range(-30.0, 30.0);
                boat(&mut c, x, 470.0 + rng.range(0.0, 150.0), rng.range(150.0, 220.0), &pal, &mut rng);
            }
        }
        Scene::Lanterns => {
            old_town(&mut c, &mut rng, 470.0);
            water(&mut c, 470.0, &pal, &mut rng);
            for i in 0..6 {
                let x = 80.0 + i as f64 * 190.0 + rng.range(-20.0, 20.0);
                floating_light(&mut c, x, rng.range(520.0, 650.0), &mut rng);
            }
            lantern_strings(&mut c, &mut rng);
        }
        Scene::City => {
            skyline(&mut c, 470.0, &pal, &mut rng, tod == Tod::Night || tod == Tod::Dusk);
            water(&mut c, 470.0, &pal, &mut rng);
            truss_bridge(&mut c, 520.0, &pal, &mut rng);
        }
        Scene::Orchard => {
            ridge(&mut c, 340.0, 120.0, &pal.far, &mut rng, false);
            ridge(&mut c, 400.0, 70.0, &pal.near, &mut rng, false);
            ground(&mut c, 430.0, &pal.grass);
            let fruit = rng.pick(&["#f39c12", "#e67e22", "#c5d944", "#f1c40f"]).to_string();
            for row in 0..3 {
                let y = 470.0 + row as f64 * 75.0;
                let r = 34.0 + row as f64 * 14.0;
                let mut x = rng.range(-20.0, 40.0);
                while x < W + 40.0 {
                    round_tree(&mut c, x, y, r, &pal.leaf, Some(&fruit), &mut rng);
                    x += r * 2.6 + rng.range(0.0, 30.0);
                }
            }
        }
        Scene::School => {
            karst(&mut c, 420.0, 200.0, &pal.far, &mut rng);
            ridge(&mut c, 450.0, 60.0, &pal.near, &mut rng, false);
            ground(&mut c, 480.0, &pal.grass);
            long_building(&mut c, 300.0, 560.0, 620.0, 140.0, "#f4d35e", &pal.roof, &mut rng);
            flagpole(&mut c, 200.0, 600.0, 190.0);
            for x in [90.0, 1020.0, 1130.0] {
                round_tree(&mut c, x, 600.0, 55.0, &pal.leaf, None, &mut rng);
            }
        }
        Scene::RiversideSchool => {
            treeline(&mut c, 400.0, &pal, &mut rng);
            fields(&mut c, 410.0, &pal, &mut rng);
            long_building(&mut c, 320.0, 540.0, 560.0, 110.0, "#f4d35e", &pal.roof, &mut rng);
            flagpole(&mut c, 230.0, 560.0, 180.0);
            for x in [70.0, 1000.0, 1120.0] {
                palm(&mut c, x, 590.0, rng.range(150.0, 200.0), &pal.leaf);
            }
            water(&mut c, 590.0, &pal, &mut rng);
            boat(&mut c, rng.range(300.0, 800.0), 625.0, 130.0, &pal, &mut rng);
        }
        Scene::FloatingMarket => {
            treeline(&mut c, 380.0, &pal, &mut rng);
            water(&mut c, 395.0, &pal, &mut rng);
            for i in 0..8 {
                let x = 40.0 + i as f64 * 150.0 + rng.range(-30.0, 30.0);
                let y = 440.0 + (i % 3) as f64 * 70.0 + rng.range(0.0, 30.0);
                boat(&mut c, x, y, rng.range(140.0, 200.0), &pal, &mut rng);
                produce_pole(&mut c, x + 60.0, y - 20.0, &mut rng);
            }
        }
        Scene::Temple => {
            treeline(&mut c, 400.0, &pal, &mut rng);
            ground(&mut c, 470.0, "#c9b48a");
            pavilion(&mut c, 600.0, 500.0, 420.0, 3, &mut rng);
            for i in 0..8 {
                let x = 110.0 + i as f64 * 45.0;
                stele(&mut c, x, 560.0 + (i % 2) as f64 * 20.0);
                stele(&mut c, W - x, 560.0 + (i % 2) as f64 * 20.0);
            }
            water(&mut c, 610.0, &pal, &mut rng);
        }
        Scene::Delta => {
            treeline(&mut c, 390.0, &pal, &mut rng);
            fields(&mut c, 400.0, &pal, &mut rng);
            river(&mut c, &pal, &mut rng);
            for i in 0..6 {
                jar(&mut c, 120.0 + i as f64 * 62.0, 600.0 + (i % 2) as f64 * 18.0, rng.range(30.0, 40.0));
            }
            for _ in 0..3 {
                palm(&mut c, rng.range(700.0, 1180.0), rng.range(590.0, 660.0), rng.range(150.0, 220.0), &pal.leaf);
            }
        }
        Scene::Karst => {
            karst(&mut c, 450.0, 260.0, &pal.far, &mut rng);
            karst(&mut c, 480.0, 200.0, &pal.near, &mut rng);
            cave_mouth(&mut c, rng.range(420.0, 780.0), 480.0);
            water(&mut c, 480.0, &pal, &mut rng);
            boat(&mut c, rng.range(250.0, 800.0), 580.0, 150.0, &pal, &mut rng);
        }
        Scene::Bridge => {
            ridge(&mut c, 400.0, 120.0, &pal.far, &mut rng, false);
            treeline(&mut c, 450.0, &pal, &mut rng);
            water(&mut c, 460.0, &pal, &mut rng);
            truss_bridge(&mut c, 500.0, &pal, &mut rng);
            boat(&mut c, rng.range(200.0, 900.0), 610.0, 170.0, &pal, &mut rng);
        }
        Scene::Ponds => {
            ridge(&mut c, 380.0, 80.0, &pal.far, &mut rng, false);
            ground(&mut c, 410.0, "#b9a57a");
            ponds(&mut c, &pal, &mut rng);
            solar_row(&mut c, 430.0);
        }
        Scene::Terraces => {
            ridge(&mut c, 260.0, 140.0, &pal.far, &mut rng, true);
            terraces(&mut c, 300.0, &mut rng);
            stilt_house(&mut c, rng.range(150.0, 1000.0), 420.0);
        }
        Scene::Port => {
            chimneys(&mut c, &mut rng);
            ridge(&mut c, 390.0, 50.0, &pal.far, &mut rng, false);
            water(&mut c, 430.0, &pal, &mut rng);
            quay(&mut c, &mut rng);
        }
        Scene::Coast => {
            water(&mut c, 360.0, &pal, &mut rng);
            sand(&mut c, 470.0);
            for row in 0..3 {
                let y = 540.0 + row as f64 * 50.0;
                let size = 40.0 + row as f64 * 18.0;
                let mut x = rng.range(0.0, 40.0);
                while x < W {
                    young_tree(&mut c, x, y, size, &pal.leaf);
                    x += size * 1.6 + rng.range(0.0, 20.0);
                }
            }
        }
        Scene::Coffee => {
            ridge(&mut c, 300.0, 130.0, &pal.far, &mut rng, true);
            ridge(&mut c, 380.0, 90.0, &pal.near, &mut rng, false);
            coffee_rows(&mut c, 420.0, &pal, &mut rng);
            house(&mut c, rng.range(700.0, 1000.0), 455.0, 110.0, 60.0, "#e8dcc2", &pal.roof);
        }
        Scene::Hall => {
            treeline(&mut c, 430.0, &pal, &mut rng);
            ground(&mut c, 470.0, "#d8d2c4");
            civic_hall(&mut c, &mut rng);
            for x in [90.0, 200.0, 1000.0, 1110.0] {
                round_tree(&mut c, x, 600.0, 60.0, &pal.leaf, None, &mut rng);
            }
        }
        Scene::Clinic => {
            ridge(&mut c, 360.0, 150.0, &pal.far, &mut rng, true);
            ridge(&mut c, 430.0, 80.0, &pal.near, &mut rng, false);
            ground(&mut c, 480.0, &pal.grass);
            long_building(&mut c, 360.0, 570.0, 480.0, 130.0, "#f2f2ee", "#3d7ea6", &mut rng);
            red_cross(&mut c, 600.0, 470.0);
            for x in [120.0, 250.0, 980.0] {
                round_tree(&mut c, x, 610.0, 55.0, &pal.leaf, None, &mut rng);
            }
        }
        Scene::BoatRace => {
            ridge(&mut c, 380.0, 90.0, &pal.far, &mut rng, false);
            crowd(&mut c, 400.0, &mut rng);
            water(&mut c, 440.0, &pal, &mut rng);
            for i in 0..3 {
                race_boat(&mut c, rng.range(40.0, 300.0) + i as f64 * 60.0, 500.0 + i as f64 * 60.0, &mut rng);
            }
        }
    }
    // A soft shade at the bottom edge gives the flat layers some depth.
    let id = c.id("shade");
    let _ = write!(
        c.out,
        "<defs><linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0.75\" stop-color=\"#000\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"#000\" stop-opacity=\"0.22\"/></linearGradient></defs><rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"url(#{id})\"/></svg>"
    );
    c.out
}

struct Canvas {
    out: String,
    next_id: u32,
}

impl Canvas {
    fn id(&mut self, stem: &str) -> String {
        self.next_id += 1;
        format!("{stem}{}", self.next_id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tod {
    Day,
    Dawn,
    Dusk,
    Night,
}

struct Palette {
    sky_top: String,
    sky_bottom: String,
    sun: String,
    far: String,
    near: String,
    water_top: String,
    water_bottom: String,
    grass: String,
    leaf: String,
    roof: String,
}

impl Palette {
    fn new(tod: Tod, rng: &mut Rng) -> Palette {
        let j = rng.range(-12.0, 12.0);
        let (sky_top, sky_bottom, sun, light) = match tod {
            Tod::Day => (hsl(205.0 + j, 70.0, 58.0), hsl(200.0 + j, 70.0, 88.0), "#fff2b0".to_string(), 1.0),
            Tod::Dawn => (hsl(230.0 + j, 45.0, 62.0), hsl(28.0 + j, 90.0, 82.0), "#ffd27f".to_string(), 0.9),
            Tod::Dusk => (hsl(265.0 + j, 38.0, 34.0), hsl(18.0 + j, 85.0, 68.0), "#ffb36b".to_string(), 0.75),
            Tod::Night => (hsl(228.0 + j, 55.0, 10.0), hsl(232.0 + j, 40.0, 28.0), "#f4f1de".to_string(), 0.45),
        };
        let g = rng.range(-10.0, 10.0);
        Palette {
            sky_top,
            sky_bottom,
            sun,
            far: hsl(215.0 + j, 22.0, 62.0 * light),
            near: hsl(150.0 + g, 28.0, 45.0 * light),
            water_top: hsl(195.0 + j, 45.0, 55.0 * light),
            water_bottom: hsl(205.0 + j, 55.0, 33.0 * light),
            grass: hsl(95.0 + g, 42.0, 52.0 * light),
            leaf: hsl(120.0 + g, 40.0, 32.0 * light),
            roof: hsl(12.0 + g, 58.0, 42.0 * light),
        }
    }
}

const WALLS: [&str; 6] = ["#f6e7c1", "#f4d35e", "#e9c46a", "#d8e2dc", "#f2cc8f", "#cde5d7"];

fn hsl(h: f64, s: f64, l: f64) -> String {
    format!("hsl({:.0},{:.0}%,{:.0}%)", h.rem_euclid(360.0), s.clamp(0.0, 100.0), l.clamp(0.0, 100.0))
}

fn escape(text: &str) -> String {
    crate::site::escape(text)
}

fn sky(c: &mut Canvas, pal: &Palette, rng: &mut Rng, tod: Tod) {
    let id = c.id("sky");
    let glow = c.id("glow");
    let _ = write!(
        c.out,
        "<defs><linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"{}\"/><stop offset=\"1\" stop-color=\"{}\"/></linearGradient><radialGradient id=\"{glow}\"><stop offset=\"0\" stop-color=\"{}\" stop-opacity=\"0.7\"/><stop offset=\"1\" stop-color=\"{}\" stop-opacity=\"0\"/></radialGradient></defs><rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"url(#{id})\"/>",
        pal.sky_top, pal.sky_bottom, pal.sun, pal.sun
    );
    let sx = rng.range(150.0, 1050.0);
    let sy = match tod {
        Tod::Dawn | Tod::Dusk => rng.range(250.0, 320.0),
        _ => rng.range(90.0, 180.0),
    };
    let r = rng.range(38.0, 60.0);
    if tod == Tod::Night {
        for _ in 0..70 {
            let _ = write!(
                c.out,
                "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.1}\" fill=\"#fff\" opacity=\"{:.2}\"/>",
                rng.range(0.0, W),
                rng.range(0.0, 330.0),
                rng.range(0.6, 2.0),
                rng.range(0.3, 0.9)
            );
        }
    }
    let _ = write!(
        c.out,
        "<circle cx=\"{sx:.0}\" cy=\"{sy:.0}\" r=\"{:.0}\" fill=\"url(#{glow})\"/><circle cx=\"{sx:.0}\" cy=\"{sy:.0}\" r=\"{r:.0}\" fill=\"{}\"/>",
        r * 3.2,
        pal.sun
    );
    if tod != Tod::Night {
        for _ in 0..rng.int(2, 4) {
            let cx = rng.range(0.0, W);
            let cy = rng.range(60.0, 240.0);
            let s = rng.range(0.7, 1.4);
            let _ = write!(
                c.out,
                "<g fill=\"#fff\" opacity=\"{:.2}\"><ellipse cx=\"{cx:.0}\" cy=\"{cy:.0}\" rx=\"{:.0}\" ry=\"{:.0}\"/><ellipse cx=\"{:.0}\" cy=\"{:.0}\" rx=\"{:.0}\" ry=\"{:.0}\"/><ellipse cx=\"{:.0}\" cy=\"{:.0}\" rx=\"{:.0}\" ry=\"{:.0}\"/></g>",
                rng.range(0.55, 0.85),
                70.0 * s,
                22.0 * s,
                cx - 45.0 * s,
                cy + 8.0 * s,
                45.0 * s,
                16.0 * s,
                cx + 50.0 * s,
                cy + 6.0 * s,
                50.0 * s,
                17.0 * s
            );
        }
    }
}

/// A mountain or hill line across the whole width, filled down to the bottom.
fn ridge(c: &mut Canvas, base: f64, amp: f64, colour: &str, rng: &mut Rng, jagged: bool) {
    let mut d = format!("M0,{H} L0,{:.0}", base - rng.range(0.0, amp));
    let mut x = 0.0;
    let mut prev = (0.0, base);
    while x < W {
        x += rng.range(60.0, 140.0);
        let y = base - rng.range(0.0, amp);
        if jagged {
            let _ = write!(d, " L{x:.0},{y:.0}");
        } else {
            let _ = write!(d, " Q{:.0},{:.0} {x:.0},{y:.0}", (prev.0 + x) / 2.0, (prev.1 + y) / 2.0 - rng.range(0.0, amp * 0.4));
        }
        prev = (x, y);
    }
    let _ = write!(c.out, "<path d=\"{d} L{W},{H} Z\" fill=\"{colour}\"/>");
}

/// Limestone towers: tall rounded humps, as around Phong Nha and Hạ Long.
fn karst(c: &mut Canvas, base: f64, amp: f64, colour: &str, rng: &mut Rng) {
    let mut d = format!("M0,{H} L0,{base:.0}");
    let mut x = 0.0;
    while x < W {
        let w = rng.range(80.0, 170.0);
        let h = rng.range(amp * 0.4, amp);
        let _ = write!(
            d,
            " C{:.0},{:.0} {:.0},{:.0} {:.0},{base:.0}",
            x + w * 0.05,
            base - h * 1.3,
            x + w * 0.95,
            base - h * 1.3,
            x + w
        );
        x += w * rng.range(0.7, 1.0);
    }
    let _ = write!(c.out, "<path d=\"{d} L{W},{H} Z\" fill=\"{colour}\"/>");
}

fn ground(c: &mut Canvas, top: f64, colour: &str) {
    let _ = write!(c.out, "<rect x=\"0\" y=\"{top:.0}\" width=\"{WIDTH}\" height=\"{:.0}\" fill=\"{colour}\"/>", H - top);
}

fn water(c: &mut Canvas, top: f64, pal: &Palette, rng: &mut Rng) {
    let id = c.id("water");
    let _ = write!(
        c.out,
        "<defs><linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"{}\"/><stop offset=\"1\" stop-color=\"{}\"/></linearGradient></defs><rect x=\"0\" y=\"{top:.0}\" width=\"{WIDTH}\" height=\"{:.0}\" fill=\"url(#{id})\"/><g stroke=\"#fff\" stroke-linecap=\"round\" fill=\"none\" opacity=\"0.35\">",
        pal.water_top,
        pal.water_bottom,
        H - top
    );
    let mut y = top + 14.0;
    while y < H {
        let mut x = rng.range(-40.0, 40.0);
        while x < W {
            let len = rng.range(20.0, 70.0) * (0.6 + (y - top) / (H - top));
            let _ = write!(
                c.out,
                "<path d=\"M{x:.0},{y:.0} q{:.0},-5 {len:.0},0\" stroke-width=\"{:.1}\"/>",
                len / 2.0,
                1.0 + (y - top) / 120.0
            );
            x += len + rng.range(40.0, 160.0);
        }
        y += rng.range(16.0, 28.0);
    }
    c.out.push_str("</g>");
}

fn river(c: &mut Canvas, pal: &Palette, rng: &mut Rng) {
    let x0 = rng.range(450.0, 700.0);
    let _ = write!(
        c.out,
        "<path d=\"M{:.0},400 C{:.0},470 {:.0},520 {:.0},{H} L{:.0},{H} C{:.0},540 {:.0},470 {:.0},400 Z\" fill=\"{}\" opacity=\"0.9\"/>",
        x0,
        x0 - 120.0,
        x0 + 160.0,
        x0 - 60.0,
        x0 + 380.0,
        x0 + 260.0,
        x0 + 60.0,
        x0 + 30.0,
        pal.water_top
    );
}

fn fields(c: &mut Canvas, top: f64, pal: &Palette, rng: &mut Rng) {
    ground(c, top, &pal.grass);
    let vx = rng.range(400.0, 800.0);
    let _ = write!(c.out, "<g stroke=\"{}\" stroke-width=\"2\" opacity=\"0.35\">", pal.leaf);
    let mut x = -1200.0;
    while x < 2400.0 {
        let _ = write!(c.out, "<line x1=\"{vx:.0}\" y1=\"{top:.0}\" x2=\"{x:.0}\" y2=\"{H}\"/>");
        x += 70.0;
    }
    let mut y = top + 12.0;
    let mut step = 10.0;
    while y < H {
        let _ = write!(c.out, "<line x1=\"0\" y1=\"{y:.0}\" x2=\"{W}\" y2=\"{y:.0}\" stroke-width=\"3\"/>");
        step *= 1.5;
        y += step;
    }
    c.out.push_str("</g>");
}

fn terraces(c: &mut Canvas, top: f64, rng: &mut Rng) {
    let ripe = rng.unit() < 0.6;
    let mut y = top;
    let mut band = 0;
    while y < H + 30.0 {
        let colour = match (ripe, band % 2) {
            (true, 0) => "#e9b93c",
            (true, _) => "#d9a22b",
            (false, 0) => "#7cb342",
            (false, _) => "#689f38",
        };
        let mut d = format!("M0,{:.0}", y + rng.range(-10.0, 10.0));
        let mut x = 0.0;
        while x < W {
            let nx = x + rng.range(150.0, 260.0);
            let _ =
                write!(d, " Q{:.0},{:.0} {nx:.0},{:.0}", (x + nx) / 2.0, y + rng.range(-35.0, 35.0), y + rng.range(-12.0, 12.0));
            x = nx;
        }
        let _ = write!(
            c.out,
            "<path d=\"{d} L{W},{H} L0,{H} Z\" fill=\"{colour}\" stroke=\"#5d4a1f\" stroke-width=\"2\" stroke-opacity=\"0.5\"/>"
        );
        y += 22.0 + band as f64 * 5.0;
        band += 1;
    }
}

fn house(c: &mut Canvas, x: f64, base: f64, w: f64, h: f64, wall: &str, roof: &str) {
    let top = base - h;
    let _ = write!(
        c.out,
        "<g><rect x=\"{x:.0}\" y=\"{top:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{wall}\" stroke=\"#6b5b45\" stroke-width=\"1.5\"/><path d=\"M{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} Z\" fill=\"{roof}\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#7b4f2c\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#8fb8de\" stroke=\"#fff\" stroke-width=\"2\"/></g>",
        x - 10.0,
        top,
        x + w / 2.0,
        top - h * 0.55,
        x + w + 10.0,
        top,
        x + w * 0.15,
        base - h * 0.6,
        w * 0.2,
        h * 0.6,
        x + w * 0.55,
        top + h * 0.25,
        w * 0.28,
        h * 0.3
    );
}

fn palm(c: &mut Canvas, x: f64, base: f64, h: f64, leaf: &str) {
    let lean = h * 0.15;
    let (tx, ty) = (x + lean, base - h);
    let _ = write!(
        c.out,
        "<path d=\"M{x:.0},{base:.0} Q{:.0},{:.0} {tx:.0},{ty:.0}\" stroke=\"#7a5c3a\" stroke-width=\"9\" fill=\"none\" stroke-linecap=\"round\"/><g stroke=\"{leaf}\" stroke-width=\"7\" fill=\"none\" stroke-linecap=\"round\">",
        x - lean * 0.2,
        base - h * 0.6
    );
    for (dx, dy) in [(-70.0, 20.0), (-55.0, -25.0), (-10.0, -45.0), (45.0, -30.0), (70.0, 15.0), (20.0, 40.0), (-35.0, 45.0)] {
        let _ = write!(c.out, "<path d=\"M{tx:.0},{ty:.0} q{:.0},{:.0} {dx:.0},{:.0}\"/>", dx * 0.5, dy * 0.5 - 25.0, dy + 25.0);
    }
    c.out.push_str("</g>");
}

fn round_tree(c: &mut Canvas, x: f64, base: f64, r: f64, leaf: &str, fruit: Option<&str>, rng: &mut Rng) {
    let cy = base - r * 1.5;
    let _ = write!(
        c.out,
        "<rect x=\"{:.0}\" y=\"{cy:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#6d4c33\"/><circle cx=\"{x:.0}\" cy=\"{cy:.0}\" r=\"{r:.0}\" fill=\"{leaf}\"/><circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.0}\" fill=\"#fff\" opacity=\"0.08\"/>",
        x - r * 0.1,
        r * 0.2,
        base - cy,
        x - r * 0.3,
        cy - r * 0.3,
        r * 0.55
    );
    if let Some(fruit) = fruit {
        for _ in 0..rng.int(5, 9) {
            let a = rng.range(0.0, std::f64::consts::TAU);
            let d = rng.range(0.2, 0.8) * r;
            let _ = write!(
                c.out,
                "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.1}\" fill=\"{fruit}\"/>",
                x + a.cos() * d,
                cy + a.sin() * d,
                r * 0.12
            );
        }
    }
}

fn young_tree(c: &mut Canvas, x: f64, base: f64, size: f64, leaf: &str) {
    let _ = write!(
        c.out,
        "<rect x=\"{:.1}\" y=\"{:.0}\" width=\"{:.1}\" height=\"{:.0}\" fill=\"#6d4c33\"/><path d=\"M{:.0},{:.0} L{x:.0},{:.0} L{:.0},{:.0} Z\" fill=\"{leaf}\"/>",
        x - size * 0.04,
        base - size * 0.5,
        size * 0.08,
        size * 0.5,
        x - size * 0.3,
        base - size * 0.35,
        base - size * 1.4,
        x + size * 0.3,
        base - size * 0.35
    );
}

fn treeline(c: &mut Canvas, base: f64, pal: &Palette, rng: &mut Rng) {
    let mut x = -20.0;
    let _ = write!(c.out, "<g fill=\"{}\" opacity=\"0.85\">", pal.near);
    while x < W + 20.0 {
        let r = rng.range(20.0, 45.0);
        let _ = write!(c.out, "<circle cx=\"{x:.0}\" cy=\"{:.0}\" r=\"{r:.0}\"/>", base - r * 0.6);
        x += r * 1.2;
    }
    let _ = write!(c.out, "<rect x=\"0\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"{:.0}\"/></g>", base - 10.0, H - base + 10.0);
}

fn boat(c: &mut Canvas, x: f64, y: f64, len: f64, pal: &Palette, rng: &mut Rng) {
    let hull = rng.pick(&["#2a6f97", "#1d3557", "#9b2226", "#386641", "#005f73"]).to_string();
    let depth = len * 0.16;
    let _ = write!(
        c.out,
        "<ellipse cx=\"{:.0}\" cy=\"{:.0}\" rx=\"{:.0}\" ry=\"{:.0}\" fill=\"{}\" opacity=\"0.35\"/><path d=\"M{x:.0},{:.0} Q{:.0},{:.0} {:.0},{:.0} L{:.0},{y:.0} Z\" fill=\"{hull}\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#f1faee\" stroke=\"#333\" stroke-width=\"1\"/><circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.1}\" fill=\"#fff\"/><circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.1}\" fill=\"#111\"/><line x1=\"{x:.0}\" y1=\"{y:.0}\" x2=\"{:.0}\" y2=\"{:.0}\" stroke=\"#e9c46a\" stroke-width=\"3\"/>",
        x + len / 2.0,
        y + depth * 1.4,
        len * 0.55,
        depth * 0.4,
        pal.water_bottom,
        y - depth * 0.35,
        x + len / 2.0,
        y + depth * 1.8,
        x + len,
        y - depth * 0.5,
        x + len * 0.85,
        x + len * 0.45,
        y - depth * 1.5,
        len * 0.3,
        depth * 1.5,
        // Painted eyes on the bow, as on central-coast fishing boats.
        x + len * 0.1,
        y + depth * 0.2,
        depth * 0.22,
        x + len * 0.1,
        y + depth * 0.2,
        depth * 0.1,
        x + len,
        y
    );
}

fn breakwater(c: &mut Canvas, rng: &mut Rng) {
    let mut x = 0.0;
    let _ = write!(c.out, "<g fill=\"#8d8d86\" stroke=\"#5c5c56\" stroke-width=\"2\">");
    while x < 700.0 {
        let w = rng.range(40.0, 70.0);
        let y = 430.0 + x * 0.05;
        let _ = write!(
            c.out,
            "<path d=\"M{x:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} Z\"/>",
            y + 30.0,
            x + w * 0.2,
            y,
            x + w * 0.9,
            y + rng.range(-5.0, 8.0),
            x + w,
            y + 30.0
        );
        x += w * 0.8;
    }
    c.out.push_str("</g>");
}

fn old_town(c: &mut Canvas, rng: &mut Rng, base: f64) {
    let mut x = -10.0;
    while x < W {
        let w = rng.range(90.0, 140.0);
        let h = rng.range(110.0, 170.0);
        let wall = rng.pick(&["#e9b949", "#d9a441", "#c98d2e", "#e3b23c"]).to_string();
        let _ = write!(
            c.out,
            "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{wall}\" opacity=\"0.9\"/><path d=\"M{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} Z\" fill=\"#5b2c1a\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#ffcf6e\" opacity=\"0.85\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#2f5d50\"/>",
            base - h,
            x - 8.0,
            base - h,
            x + w * 0.15,
            base - h - 28.0,
            x + w * 0.85,
            base - h - 28.0,
            x + w + 8.0,
            base - h,
            x + w * 0.25,
            base - h * 0.55,
            w * 0.5,
            h * 0.35,
            x + w * 0.2,
            base - h * 0.85,
            w * 0.6,
            h * 0.18
        );
        x += w + rng.range(2.0, 12.0);
    }
}

fn lantern_strings(c: &mut Canvas, rng: &mut Rng) {
    let colours = ["#e63946", "#f4a261", "#ffb703", "#d62828", "#9d4edd", "#06d6a0"];
    for s in 0..3 {
        let y0 = 40.0 + s as f64 * 85.0;
        let sag = rng.range(40.0, 80.0);
        let _ = write!(
            c.out,
            "<path d=\"M-10,{y0:.0} Q600,{:.0} 1210,{y0:.0}\" stroke=\"#222\" stroke-width=\"2\" fill=\"none\"/>",
            y0 + sag * 2.0
        );
        let mut x = rng.range(20.0, 80.0);
        while x < W {
            let t = x / W;
            // Point on the quadratic string at parameter t.
            let y = (1.0 - t) * (1.0 - t) * y0 + 2.0 * (1.0 - t) * t * (y0 + sag * 2.0) + t * t * y0;
            let colour = rng.pick(&colours).to_string();
            let r = rng.range(16.0, 24.0);
            let id = c.id("lamp");
            let _ = write!(
                c.out,
                "<defs><radialGradient id=\"{id}\"><stop offset=\"0\" stop-color=\"#fff3c4\"/><stop offset=\"1\" stop-color=\"{colour}\"/></radialGradient></defs><circle cx=\"{x:.0}\" cy=\"{:.0}\" r=\"{:.0}\" fill=\"{colour}\" opacity=\"0.25\"/><line x1=\"{x:.0}\" y1=\"{y:.0}\" x2=\"{x:.0}\" y2=\"{:.0}\" stroke=\"#222\"/><ellipse cx=\"{x:.0}\" cy=\"{:.0}\" rx=\"{r:.0}\" ry=\"{:.0}\" fill=\"url(#{id})\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"5\" fill=\"#4a2c0a\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"5\" fill=\"#4a2c0a\"/><line x1=\"{x:.0}\" y1=\"{:.0}\" x2=\"{x:.0}\" y2=\"{:.0}\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                y + 12.0 + r * 1.2,
                r * 2.6,
                y + 12.0,
                y + 12.0 + r * 1.2,
                r * 1.2,
                x - r * 0.45,
                y + 10.0,
                r * 0.9,
                x - r * 0.45,
                y + 10.0 + r * 2.4,
                r * 0.9,
                y + 15.0 + r * 2.4,
                y + 35.0 + r * 2.4
            );
            x += rng.range(60.0, 110.0);
        }
    }
}

fn floating_light(c: &mut Canvas, x: f64, y: f64, rng: &mut Rng) {
    let colour = rng.pick(&["#ffb703", "#fb8500", "#ff006e"]).to_string();
    let _ = write!(
        c.out,
        "<ellipse cx=\"{x:.0}\" cy=\"{y:.0}\" rx=\"26\" ry=\"8\" fill=\"{colour}\" opacity=\"0.25\"/><path d=\"M{:.0},{y:.0} L{x:.0},{:.0} L{:.0},{y:.0} Z\" fill=\"{colour}\"/><ellipse cx=\"{x:.0}\" cy=\"{:.0}\" rx=\"3\" ry=\"22\" fill=\"{colour}\" opacity=\"0.3\"/>",
        x - 10.0,
        y - 16.0,
        x + 10.0,
        y + 26.0
    );
}

fn skyline(c: &mut Canvas, base: f64, pal: &Palette, rng: &mut Rng, lit: bool) {
    let mut x = -10.0;
    while x < W {
        let w = rng.range(50.0, 110.0);
        let h = rng.range(90.0, 300.0);
        let shade = hsl(215.0, 15.0, rng.range(30.0, 55.0));
        let _ = write!(c.out, "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{shade}\"/>", base - h);
        let mut wy = base - h + 12.0;
        while wy < base - 12.0 {
            let mut wx = x + 8.0;
            while wx < x + w - 12.0 {
                let on = if lit { rng.unit() < 0.55 } else { rng.unit() < 0.2 };
                let fill = if on && lit {
                    "#ffd166"
                } else if on {
                    "#dce9f5"
                } else {
                    "#2b3a4a"
                };
                let _ =
                    write!(c.out, "<rect x=\"{wx:.0}\" y=\"{wy:.0}\" width=\"7\" height=\"9\" fill=\"{fill}\" opacity=\"0.8\"/>");
                wx += 14.0;
            }
            wy += 18.0;
        }
        x += w + rng.range(0.0, 14.0);
    }
    let _ = write!(c.out, "<rect x=\"0\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"8\" fill=\"{}\"/>", base - 8.0, pal.leaf);
}

/// A steel-arch bridge of several spans, like Huế's Trường Tiền.
fn truss_bridge(c: &mut Canvas, deck: f64, pal: &Palette, rng: &mut Rng) {
    let spans = rng.int(5, 7);
    let span = W / spans as f64;
    let steel = if rng.unit() < 0.5 { "#e8eef2" } else { "#c0c9d0" };
    let _ = write!(
        c.out,
        "<rect x=\"0\" y=\"{deck:.0}\" width=\"{WIDTH}\" height=\"14\" fill=\"#6c757d\"/><g stroke=\"{steel}\" stroke-width=\"5\" fill=\"none\">"
    );
    for i in 0..spans {
        let x0 = i as f64 * span;
        let _ = write!(
            c.out,
            "<path d=\"M{:.0},{deck:.0} Q{:.0},{:.0} {:.0},{deck:.0}\"/>",
            x0 + 4.0,
            x0 + span / 2.0,
            deck - 150.0,
            x0 + span - 4.0
        );
        for k in 1..8 {
            let t = k as f64 / 8.0;
            let hx = x0 + 4.0 + t * (span - 8.0);
            let hy = deck - 2.0 * t * (1.0 - t) * 150.0;
            let _ = write!(c.out, "<line x1=\"{hx:.0}\" y1=\"{hy:.0}\" x2=\"{hx:.0}\" y2=\"{deck:.0}\" stroke-width=\"2\"/>");
        }
    }
    c.out.push_str("</g>");
    for i in 0..=spans {
        let x = i as f64 * span;
        let _ = write!(
            c.out,
            "<rect x=\"{:.0}\" y=\"{deck:.0}\" width=\"20\" height=\"{:.0}\" fill=\"#5a6268\"/>",
            x - 10.0,
            H - deck
        );
    }
    let _ = write!(
        c.out,
        "<rect x=\"0\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"6\" fill=\"{}\" opacity=\"0.3\"/>",
        deck + 40.0,
        pal.water_bottom
    );
}

fn citadel(c: &mut Canvas, pal: &Palette, rng: &mut Rng) {
    let wall_top = 470.0;
    let _ =
        write!(c.out, "<rect x=\"0\" y=\"{wall_top}\" width=\"{WIDTH}\" height=\"95\" fill=\"#8a7f6d\"/><g fill=\"#7a6f5d\">");
    let mut x = 0.0;
    while x < W {
        let _ = write!(c.out, "<rect x=\"{x:.0}\" y=\"{}\" width=\"22\" height=\"14\"/>", wall_top - 14.0);
        x += 40.0;
    }
    c.out.push_str("</g>");
    // Gate block with three arches.
    let _ = write!(c.out, "<rect x=\"380\" y=\"380\" width=\"440\" height=\"185\" fill=\"#a0522d\"/><rect x=\"380\" y=\"372\" width=\"440\" height=\"12\" fill=\"#6b3a1e\"/>");
    for ax in [440.0, 570.0, 700.0] {
        let w = if ax == 570.0 { 60.0 } else { 46.0 };
        let _ = write!(
            c.out,
            "<path d=\"M{ax:.0},565 L{ax:.0},{:.0} A{:.0},{:.0} 0 0 1 {:.0},{:.0} L{:.0},565 Z\" fill=\"#2d1b12\"/>",
            500.0,
            w / 2.0,
            w / 2.0,
            ax + w,
            500.0,
            ax + w
        );
    }
    // Two-tier pavilion with upturned eaves.
    let roof = if rng.unit() < 0.5 { "#c9a227" } else { pal.roof.as_str() }.to_string();
    let _ = write!(c.out, "<rect x=\"430\" y=\"300\" width=\"340\" height=\"72\" fill=\"#b5342f\"/>");
    eave_roof(c, 600.0, 300.0, 420.0, 45.0, &roof);
    let _ = write!(c.out, "<rect x=\"480\" y=\"225\" width=\"240\" height=\"40\" fill=\"#b5342f\"/>");
    eave_roof(c, 600.0, 228.0, 300.0, 42.0, &roof);
    // Flag tower to one side.
    let fx = if rng.unit() < 0.5 { 160.0 } else { 1040.0 };
    let _ = write!(c.out, "<rect x=\"{:.0}\" y=\"420\" width=\"100\" height=\"50\" fill=\"#8a7f6d\"/>", fx - 50.0);
    flagpole(c, fx, 420.0, 200.0);
}

fn eave_roof(c: &mut Canvas, cx: f64, y: f64, w: f64, h: f64, colour: &str) {
    let half = w / 2.0;
    let _ = write!(
        c.out,
        "<path d=\"M{:.0},{:.0} Q{:.0},{y:.0} {:.0},{y:.0} L{:.0},{:.0} L{:.0},{:.0} L{:.0},{y:.0} Q{:.0},{y:.0} {:.0},{:.0} Z\" fill=\"{colour}\" stroke=\"#4a3510\" stroke-width=\"2\"/>",
        cx - half - 14.0,
        y - 16.0,
        cx - half,
        cx - half + 20.0,
        cx - half * 0.55,
        y - h,
        cx + half * 0.55,
        y - h,
        cx + half - 20.0,
        cx + half,
        cx + half + 14.0,
        y - 16.0
    );
}

fn pavilion(c: &mut Canvas, cx: f64, base: f64, w: f64, tiers: usize, rng: &mut Rng) {
    let roof = rng.pick(&["#8d3b1f", "#5e3023", "#a44a2a"]).to_string();
    let mut y = base;
    let mut width = w;
    let _ = write!(
        c.out,
        "<rect x=\"{:.0}\" y=\"{base:.0}\" width=\"{:.0}\" height=\"30\" fill=\"#bfae8c\"/>",
        cx - w / 2.0 - 30.0,
        w + 60.0
    );
    for tier in 0..tiers {
        let body = if tier == 0 { 110.0 } else { 45.0 };
        let _ = write!(
            c.out,
            "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"{body:.0}\" fill=\"#c0392b\"/>",
            cx - width * 0.4,
            y - body,
            width * 0.8
        );
        if tier == 0 {
            for k in 0..5 {
                let _ = write!(
                    c.out,
                    "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"8\" height=\"{body:.0}\" fill=\"#7b241c\"/>",
                    cx - width * 0.4 + k as f64 * width * 0.19,
                    y - body
                );
            }
        }
        y -= body;
        eave_roof(c, cx, y + 4.0, width, 50.0, &roof);
        y -= 50.0;
        width *= 0.68;
    }
}

fn stele(c: &mut Canvas, x: f64, base: f64) {
    let _ = write!(
        c.out,
        "<ellipse cx=\"{x:.0}\" cy=\"{base:.0}\" rx=\"18\" ry=\"8\" fill=\"#6b6b63\"/><path d=\"M{:.0},{base:.0} L{:.0},{:.0} Q{x:.0},{:.0} {:.0},{:.0} L{:.0},{base:.0} Z\" fill=\"#8e8e84\" stroke=\"#55554f\"/>",
        x - 12.0,
        x - 12.0,
        base - 50.0,
        base - 64.0,
        x + 12.0,
        base - 50.0,
        x + 12.0
    );
}

fn lotus(c: &mut Canvas, rng: &mut Rng, top: f64) {
    for _ in 0..14 {
        let x = rng.range(0.0, W);
        let y = rng.range(top + 15.0, H - 10.0);
        let _ = write!(c.out, "<ellipse cx=\"{x:.0}\" cy=\"{y:.0}\" rx=\"22\" ry=\"7\" fill=\"#4c956c\"/>");
        if rng.unit() < 0.5 {
            let _ = write!(
                c.out,
                "<path d=\"M{:.0},{:.0} Q{x:.0},{:.0} {:.0},{:.0} Z\" fill=\"#f7a1c4\"/>",
                x - 7.0,
                y - 4.0,
                y - 26.0,
                x + 7.0,
                y - 4.0
            );
        }
    }
}

fn flagpole(c: &mut Canvas, x: f64, base: f64, h: f64) {
    let top = base - h;
    let _ = write!(
        c.out,
        "<line x1=\"{x:.0}\" y1=\"{base:.0}\" x2=\"{x:.0}\" y2=\"{top:.0}\" stroke=\"#ddd\" stroke-width=\"4\"/><path d=\"M{x:.0},{:.0} q35,-10 70,0 l0,44 q-35,-10 -70,0 Z\" fill=\"#da251d\"/><path d=\"M{:.0},{:.0} l4,11 12,0 -10,7 4,11 -10,-7 -10,7 4,-11 -10,-7 12,0 Z\" fill=\"#ffde00\"/>",
        top + 2.0,
        x + 35.0,
        top + 9.0
    );
}

#[allow(clippy::too_many_arguments)] // a building is placed, sized and coloured
fn long_building(c: &mut Canvas, x: f64, base: f64, w: f64, h: f64, wall: &str, roof: &str, rng: &mut Rng) {
    let floors = if h > 120.0 { 2 } else { 1 };
    let _ = write!(
        c.out,
        "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{wall}\" stroke=\"#7d6b4f\" stroke-width=\"2\"/><path d=\"M{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} Z\" fill=\"{roof}\"/>",
        base - h,
        x - 15.0,
        base - h,
        x + 30.0,
        base - h - 40.0,
        x + w - 30.0,
        base - h - 40.0,
        x + w + 15.0,
        base - h
    );
    let fh = h / floors as f64;
    for f in 0..floors {
        let y = base - h + f as f64 * fh + fh * 0.25;
        let mut wx = x + 20.0;
        while wx < x + w - 40.0 {
            let _ = write!(c.out, "<rect x=\"{wx:.0}\" y=\"{y:.0}\" width=\"30\" height=\"{:.0}\" fill=\"#7fa7c9\" stroke=\"#fff\" stroke-width=\"2\"/>", fh * 0.45);
            wx += 55.0 + rng.range(0.0, 4.0);
        }
    }
}

fn red_cross(c: &mut Canvas, x: f64, y: f64) {
    let _ = write!(c.out, "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"60\" height=\"60\" fill=\"#fff\" stroke=\"#ccc\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"16\" height=\"44\" fill=\"#d62828\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"44\" height=\"16\" fill=\"#d62828\"/>", x - 30.0, y - 30.0, x - 8.0, y - 22.0, x - 22.0, y - 8.0);
}

fn civic_hall(c: &mut Canvas, rng: &mut Rng) {
    let wall = rng.pick(&["#f1e3c6", "#efe9dc", "#f5d99a"]).to_string();
    let _ = write!(
        c.out,
        "<rect x=\"300\" y=\"360\" width=\"600\" height=\"200\" fill=\"{wall}\" stroke=\"#8b7d63\" stroke-width=\"2\"/><path d=\"M470,360 L600,290 L730,360 Z\" fill=\"{wall}\" stroke=\"#8b7d63\" stroke-width=\"2\"/><rect x=\"260\" y=\"560\" width=\"680\" height=\"14\" fill=\"#bbb\"/><rect x=\"280\" y=\"574\" width=\"640\" height=\"14\" fill=\"#aaa\"/>"
    );
    for k in 0..6 {
        let _ = write!(
            c.out,
            "<rect x=\"{:.0}\" y=\"370\" width=\"18\" height=\"190\" fill=\"#fff\" stroke=\"#c8bfae\"/>",
            480.0 + k as f64 * 45.0
        );
    }
    for k in 0..3 {
        let _ = write!(c.out, "<rect x=\"{:.0}\" y=\"400\" width=\"36\" height=\"60\" fill=\"#8fb1cc\"/><rect x=\"{:.0}\" y=\"400\" width=\"36\" height=\"60\" fill=\"#8fb1cc\"/>", 320.0 + k as f64 * 50.0, 760.0 + k as f64 * 50.0);
    }
    flagpole(c, 600.0, 290.0, 110.0);
}

fn produce_pole(c: &mut Canvas, x: f64, base: f64, rng: &mut Rng) {
    let top = base - rng.range(90.0, 140.0);
    let _ = write!(
        c.out,
        "<line x1=\"{x:.0}\" y1=\"{base:.0}\" x2=\"{x:.0}\" y2=\"{top:.0}\" stroke=\"#5c4326\" stroke-width=\"4\"/>"
    );
    let colour = rng.pick(&["#f77f00", "#90be6d", "#f9c74f", "#d62828", "#6a994e"]).to_string();
    for k in 0..4 {
        let _ = write!(
            c.out,
            "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"7\" fill=\"{colour}\"/>",
            x + if k % 2 == 0 { -7.0 } else { 7.0 },
            top + 8.0 + k as f64 * 9.0
        );
    }
}

fn jar(c: &mut Canvas, x: f64, base: f64, r: f64) {
    let _ = write!(
        c.out,
        "<ellipse cx=\"{x:.0}\" cy=\"{:.0}\" rx=\"{r:.0}\" ry=\"{:.0}\" fill=\"#8c5a3c\" stroke=\"#5e3b26\" stroke-width=\"2\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"{:.0}\" height=\"8\" fill=\"#5e3b26\"/>",
        base - r * 1.1,
        r * 1.15,
        x - r * 0.5,
        base - r * 2.3,
        r
    );
}

fn cave_mouth(c: &mut Canvas, x: f64, base: f64) {
    let _ = write!(
        c.out,
        "<path d=\"M{:.0},{base:.0} Q{:.0},{:.0} {:.0},{:.0} Q{:.0},{:.0} {:.0},{base:.0} Z\" fill=\"#1b1f1d\"/>",
        x - 90.0,
        x - 85.0,
        base - 120.0,
        x,
        base - 125.0,
        x + 85.0,
        base - 120.0,
        x + 90.0
    );
}

fn ponds(c: &mut Canvas, pal: &Palette, rng: &mut Rng) {
    for row in 0..3 {
        let y = 470.0 + row as f64 * 68.0;
        let h = 50.0 + row as f64 * 8.0;
        let mut x = -30.0 + row as f64 * 20.0;
        while x < W {
            let w = rng.range(200.0, 300.0);
            let _ = write!(c.out, "<rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" rx=\"6\" fill=\"{}\" stroke=\"#8a7a56\" stroke-width=\"4\"/>", pal.water_top);
            for _ in 0..2 {
                let ax = x + rng.range(30.0, w - 30.0);
                let ay = y + h / 2.0;
                let _ = write!(c.out, "<ellipse cx=\"{ax:.0}\" cy=\"{ay:.0}\" rx=\"16\" ry=\"5\" fill=\"#fff\" opacity=\"0.7\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"12\" height=\"6\" fill=\"#f4a261\"/>", ax - 6.0, ay - 3.0);
            }
            x += w + 16.0;
        }
    }
}

fn solar_row(c: &mut Canvas, y: f64) {
    let mut x = 30.0;
    while x < W {
        let _ = write!(c.out, "<line x1=\"{:.0}\" y1=\"{:.0}\" x2=\"{:.0}\" y2=\"{y:.0}\" stroke=\"#555\" stroke-width=\"3\"/><path d=\"M{x:.0},{y:.0} L{:.0},{y:.0} L{:.0},{:.0} L{:.0},{:.0} Z\" fill=\"#1d3557\" stroke=\"#a8dadc\" stroke-width=\"1.5\"/>", x + 35.0, y + 24.0, x + 35.0, x + 70.0, x + 80.0, y - 22.0, x + 10.0, y - 22.0);
        x += 95.0;
    }
}

fn stilt_house(c: &mut Canvas, x: f64, base: f64) {
    let _ = write!(
        c.out,
        "<g stroke=\"#4a3320\" stroke-width=\"4\"><line x1=\"{:.0}\" y1=\"{base:.0}\" x2=\"{:.0}\" y2=\"{:.0}\"/><line x1=\"{:.0}\" y1=\"{base:.0}\" x2=\"{:.0}\" y2=\"{:.0}\"/></g><rect x=\"{x:.0}\" y=\"{:.0}\" width=\"110\" height=\"40\" fill=\"#8b5e34\"/><path d=\"M{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} L{:.0},{:.0} Z\" fill=\"#6f4e37\"/>",
        x + 10.0,
        x + 10.0,
        base - 30.0,
        x + 100.0,
        x + 100.0,
        base - 30.0,
        base - 70.0,
        x - 15.0,
        base - 70.0,
        x + 20.0,
        base - 110.0,
        x + 90.0,
        base - 110.0,
        x + 125.0,
        base - 70.0
    );
}

fn chimneys(c: &mut Canvas, rng: &mut Rng) {
    for k in 0..3 {
        let x = 780.0 + k as f64 * 90.0 + rng.range(-15.0, 15.0);
        let h = rng.range(160.0, 230.0);
        let _ = write!(
            c.out,
            "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"24\" height=\"{h:.0}\" fill=\"#7d8597\"/><rect x=\"{x:.0}\" y=\"{:.0}\" width=\"24\" height=\"10\" fill=\"#d62828\"/><ellipse cx=\"{:.0}\" cy=\"{:.0}\" rx=\"40\" ry=\"18\" fill=\"#fff\" opacity=\"0.45\"/>",
            420.0 - h,
            432.0 - h,
            x + 40.0,
            400.0 - h
        );
    }
}

fn quay(c: &mut Canvas, rng: &mut Rng) {
    let _ = write!(c.out, "<rect x=\"0\" y=\"590\" width=\"{WIDTH}\" height=\"85\" fill=\"#6c757d\"/>");
    let colours = ["#e63946", "#457b9d", "#f4a261", "#2a9d8f", "#e9c46a"];
    let mut x = 20.0;
    while x < 560.0 {
        for level in 0..rng.int(1, 4) {
            let colour = rng.pick(&colours).to_string();
            let _ = write!(
                c.out,
                "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"58\" height=\"26\" fill=\"{colour}\" stroke=\"#333\"/>",
                564.0 - level as f64 * 26.0
            );
        }
        x += 60.0;
    }
    // A bulk carrier alongside.
    let _ = write!(c.out, "<path d=\"M560,540 L1150,540 L1110,600 L590,600 Z\" fill=\"#1d3557\"/><rect x=\"1010\" y=\"480\" width=\"90\" height=\"60\" fill=\"#f1faee\"/><rect x=\"600\" y=\"528\" width=\"380\" height=\"12\" fill=\"#9b2226\"/>");
    for k in 0..2 {
        let x = 640.0 + k as f64 * 220.0;
        let _ = write!(
            c.out,
            "<g stroke=\"#f4a261\" stroke-width=\"8\" fill=\"none\"><line x1=\"{x:.0}\" y1=\"590\" x2=\"{x:.0}\" y2=\"330\"/><line x1=\"{:.0}\" y1=\"590\" x2=\"{:.0}\" y2=\"330\"/><line x1=\"{:.0}\" y1=\"335\" x2=\"{:.0}\" y2=\"335\"/></g><line x1=\"{:.0}\" y1=\"335\" x2=\"{:.0}\" y2=\"470\" stroke=\"#333\" stroke-width=\"2\"/>",
            x + 60.0,
            x + 60.0,
            x - 120.0,
            x + 180.0,
            x - 60.0,
            x - 60.0
        );
    }
}

fn sand(c: &mut Canvas, top: f64) {
    let _ = write!(
        c.out,
        "<path d=\"M0,{top:.0} Q300,{:.0} 600,{top:.0} T1200,{top:.0} L1200,{H} L0,{H} Z\" fill=\"#e9d8a6\"/>",
        top - 20.0
    );
}

fn coffee_rows(c: &mut Canvas, top: f64, pal: &Palette, rng: &mut Rng) {
    ground(c, top, &pal.grass);
    let mut y = top + 20.0;
    let mut size = 10.0;
    while y < H + 20.0 {
        let mut x = rng.range(-10.0, 10.0);
        while x < W + 20.0 {
            let _ = write!(
                c.out,
                "<ellipse cx=\"{x:.0}\" cy=\"{y:.0}\" rx=\"{:.0}\" ry=\"{:.0}\" fill=\"{}\"/>",
                size,
                size * 0.7,
                pal.leaf
            );
            if size > 16.0 && rng.unit() < 0.5 {
                let _ = write!(
                    c.out,
                    "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.1}\" fill=\"#c1121f\"/>",
                    x + size * 0.3,
                    y,
                    size * 0.12
                );
            }
            x += size * 2.4;
        }
        y += size * 1.4;
        size *= 1.25;
    }
}

fn crowd(c: &mut Canvas, base: f64, rng: &mut Rng) {
    let colours = ["#e63946", "#f1faee", "#457b9d", "#ffb703", "#2a9d8f", "#6d597a"];
    let _ = write!(c.out, "<rect x=\"0\" y=\"{:.0}\" width=\"{WIDTH}\" height=\"50\" fill=\"#7f8c5a\"/>", base - 10.0);
    let mut x = 5.0;
    while x < W {
        let colour = rng.pick(&colours).to_string();
        let y = base + rng.range(0.0, 25.0);
        let _ = write!(c.out, "<circle cx=\"{x:.0}\" cy=\"{:.0}\" r=\"5\" fill=\"#3b2a20\"/><rect x=\"{:.0}\" y=\"{y:.0}\" width=\"10\" height=\"14\" rx=\"3\" fill=\"{colour}\"/>", y - 6.0, x - 5.0);
        x += rng.range(8.0, 16.0);
    }
}

fn race_boat(c: &mut Canvas, x: f64, y: f64, rng: &mut Rng) {
    let len = rng.range(600.0, 780.0);
    let shirt = rng.pick(&["#e63946", "#ffb703", "#2a9d8f", "#f1faee"]).to_string();
    let _ = write!(
        c.out,
        "<path d=\"M{x:.0},{:.0} Q{:.0},{:.0} {:.0},{:.0} L{:.0},{y:.0} Z\" fill=\"#7b3f00\"/>",
        y - 6.0,
        x + len / 2.0,
        y + 22.0,
        x + len,
        y - 8.0,
        x + len * 0.9
    );
    let mut k = x + 40.0;
    while k < x + len - 50.0 {
        let _ = write!(c.out, "<circle cx=\"{k:.0}\" cy=\"{:.0}\" r=\"6\" fill=\"#3b2a20\"/><rect x=\"{:.0}\" y=\"{:.0}\" width=\"10\" height=\"12\" fill=\"{shirt}\"/><line x1=\"{k:.0}\" y1=\"{y:.0}\" x2=\"{:.0}\" y2=\"{:.0}\" stroke=\"#d4a373\" stroke-width=\"3\"/>", y - 24.0, k - 5.0, y - 18.0, k - 14.0, y + 22.0);
        k += 24.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip() {
        for s in Scene::ALL {
            assert_eq!(Scene::from_keyword(s.keyword()), Some(s));
        }
        assert_eq!(Scene::from_keyword("volcano"), None);
    }

    #[test]
    fn every_scene_renders_well_formed_deterministic_svg() {
        for s in Scene::ALL {
            let a = render(s, "some-article", 1, "A view <with> \"quotes\" & more");
            let b = render(s, "some-article", 1, "A view <with> \"quotes\" & more");
            assert_eq!(a, b, "{s:?} is not deterministic");
            assert!(a.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\""));
            assert!(a.ends_with("</svg>"));
            assert!(a.contains("<title>A view &lt;with&gt; &quot;quotes&quot; &amp; more</title>"));
            assert!(!a.contains("NaN") && !a.contains("inf"), "{s:?} has bad numbers");
            assert!(a.len() > 2_000, "{s:?} draws almost nothing");
            // Tags balance: every <g> and <defs> is closed.
            assert_eq!(a.matches("<g").count(), a.matches("</g>").count(), "{s:?}");
            assert_eq!(a.matches("<defs>").count(), a.matches("</defs>").count(), "{s:?}");
        }
    }

    #[test]
    fn different_articles_get_different_pictures() {
        let a = render(Scene::Harbour, "first-story", 1, "x");
        let b = render(Scene::Harbour, "second-story", 1, "x");
        let c = render(Scene::Harbour, "first-story", 2, "x");
        assert_ne!(a, b);
        assert_ne!(a, c);
    }
}
