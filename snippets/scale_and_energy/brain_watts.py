"""Where "the brain runs on about 20 W" comes from, step by step.

Input 1: the brain uses about 20% of the body's resting metabolism (Attwell &
Laughlin 2001). Input 2: a resting metabolic rate, from the Harris-Benedict
equations (1918), in kcal per day, for two reference adults whose weight,
height and age are our assumptions, not data. 1 kcal = 4184 J and a day has 86
400 s.
"""

BRAIN_FRACTION = 0.20          # register: brain-metabolism-share / 100 (attwell2001)
KCAL = 4184.0                  # J per kilocalorie (thermochemical)
DAY = 86_400.0                 # s

# Harris & Benedict (1918): basal metabolism in kcal/day, weight W in kg,
# height H in cm, age A in years.
HARRIS_BENEDICT = {
    "man":   (66.4730, 13.7516, 5.0033, 6.7550),
    "woman": (655.0955, 9.5634, 1.8496, 4.6756),
}
REFERENCE_ADULTS = {           # assumptions for the worked example
    "man":   (70.0, 175.0, 30.0),
    "woman": (60.0, 165.0, 30.0),
}


def basal_kcal_per_day(sex, weight, height, age):
    a, b, c, d = HARRIS_BENEDICT[sex]
    return a + b * weight + c * height - d * age


def watts(kcal_per_day):
    return kcal_per_day * KCAL / DAY


def brain_watts(sex, weight, height, age, fraction=BRAIN_FRACTION):
    return fraction * watts(basal_kcal_per_day(sex, weight, height, age))


if __name__ == "__main__":
    for sex, (w, h, a) in REFERENCE_ADULTS.items():
        kcal = basal_kcal_per_day(sex, w, h, a)
        brain = brain_watts(sex, w, h, a)
        print(f"{sex}, {w:.0f} kg, {h:.0f} cm, {a:.0f} y: resting metabolism "
              f"{kcal:.0f} kcal/day = {watts(kcal):.1f} W")
        print(f"    × {BRAIN_FRACTION:.2f} → brain {brain:.1f} W")
